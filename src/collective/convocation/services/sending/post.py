from collective.convocation import _
from collective.convocation.behaviors.mail_templates import known_tags_only
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import renotify
from collective.convocation.operations.sending import resend
from collective.convocation.services.body import json_object
from collective.convocation.services.body import Text
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides
from zope.interface import Invalid


class Resend(Service):
    """POST <convocation>/@resend: the recipient's convocation again."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # no field, but a body, if any, is a JSON object
        try:
            resent = resend(self.context)
        except ActionRefused as refused:
            return self._error(refused.message)
        if not resent:
            return self._error(
                _("This recipient has no email address or receives the convocation on paper.")
            )
        return {"delivery": self.context.delivery}

    def _error(self, message):
        self.request.response.setStatus(400)
        return {"error": {"type": "BadRequest", "message": api.portal.translate(message)}}


class Renotify(Resend):
    """POST <séance>/@renotify {"subject", "message", "audience": "all" | "unacknowledged"}."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(
            self.request,
            subject=Text(max_length=300, default=""),
            message=Text(max_length=100_000, default=""),
            audience=Text(choices=("all", "unacknowledged"), default="all"),
        )
        subject, message = data["subject"], data["message"]
        if not subject.strip() or not message.strip():
            return self._error(_("Give the subject and the message."))
        try:
            known_tags_only(subject)
            known_tags_only(message)
        except Invalid as refused:
            return self._error(refused.args[0])
        try:
            sent = renotify(self.context, subject, message, data["audience"] == "unacknowledged")
        except ActionRefused as refused:
            return self._error(refused.message)
        return {"sent": sent}
