"""« Procès-verbal »: the page that adds (or replaces, once confirmed) the séance's minutes."""

from collective.convocation import _
from collective.convocation.operations.minutes import minutes_link
from collective.convocation.operations.minutes import minutes_refusal
from collective.convocation.operations.minutes import set_minutes
from collective.convocation.operations.rules import ActionRefused
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class MinutesView(BrowserView):
    def __call__(self):
        self.error = None
        if self.request.method == "POST" and "form.buttons.save" in self.request.form:
            CheckAuthenticator(self.request)
            if self.save():
                return self.request.response.redirect(
                    f"{self.context.absolute_url()}#seance-minutes"
                )
            self.request.response.setStatus(400)
        return self.index()

    def refusal(self):
        return minutes_refusal(self.context)

    def current(self):
        return minutes_link(self.context)

    def save(self):
        upload = self.request.form.get("minutes")
        if not getattr(upload, "filename", None):
            self.error = api.portal.translate(_("Choose the PDF file of the minutes."))
            return False
        if self.current() and not self.request.form.get("replace"):
            self.error = api.portal.translate(
                _("Tick « Replace the current minutes » to replace them.")
            )
            return False
        try:
            replaced = set_minutes(self.context, upload.read(), upload.filename.rsplit("\\", 1)[-1])
        except ActionRefused as refused:
            self.error = refused.message
            return False
        api.portal.show_message(
            _("The minutes are replaced.") if replaced else _("The minutes are added."),
            self.request,
        )
        return True
