from collective.convocation.behaviors.mail_templates import LABELS
from collective.convocation.core.mail.defaults import KINDS
from collective.convocation.operations.people import full_name
from collective.convocation.operations.sending import preview
from collective.convocation.operations.sending import recipients
from Products.Five.browser import BrowserView


class MailPreviewView(BrowserView):
    """A mail of the séance as one recipient will read it, tags replaced."""

    def kinds(self):
        return [(kind, LABELS[kind]) for kind in KINDS if kind != "account"]

    def recipients(self):
        return [
            (recipient.userid, full_name(recipient.userid))
            for recipient in recipients(self.context)
        ]

    def chosen(self):
        people = self.recipients()
        userid = self.request.form.get("recipient") or (people[0][0] if people else None)
        kind = (
            self.request.form.get("kind")
            if self.request.form.get("kind") in KINDS
            else "convocation"
        )
        return userid, kind

    def mail(self):
        userid, kind = self.chosen()
        if userid is None:
            return None
        subject, text = preview(self.context, kind, userid)
        return {"subject": subject, "text": text}
