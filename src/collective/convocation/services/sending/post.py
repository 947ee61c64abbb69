from collective.convocation import _
from collective.convocation.behaviors.mail_templates import known_tags_only
from collective.convocation.rules import ActionRefused
from collective.convocation.sending import renotify
from collective.convocation.sending import resend
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides
from zope.interface import Invalid


class Resend(Service):
    """POST <convocation>/@resend: the recipient's convocation again."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
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
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        subject, message = data.get("subject") or "", data.get("message") or ""
        if not subject.strip() or not message.strip():
            return self._error(_("Give the subject and the message."))
        try:
            known_tags_only(subject)
            known_tags_only(message)
        except Invalid as refused:
            return self._error(refused.args[0])
        try:
            sent = renotify(
                self.context, subject, message, data.get("audience") == "unacknowledged"
            )
        except ActionRefused as refused:
            return self._error(refused.message)
        return {"sent": sent}
