from collective.convocation import _
from collective.convocation.operations.audiences import renotify_addressees
from collective.convocation.operations.audiences import skipped
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import renotify
from collective.convocation.schemas import IRenotify
from collective.convocation.schemas import refusal
from collective.convocation.services.body import json_object
from collective.convocation.services.errors import refuse
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class Renotify(Service):
    """POST <séance>/@renotify {"subject", "message", "audience": "all" | "unacknowledged"}."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        # Absent, the subject or the message is refused below, in the service's words.
        data = json_object(self.request, IRenotify, subject="", message="")
        if not data["subject"].strip() or not data["message"].strip():
            return refuse(self.request, _("Give the subject and the message."))
        refused = refusal(IRenotify, data)  # the form's constraints: known tags only
        if refused is not None:
            return refuse(self.request, refused)
        unacknowledged = data["audience"] == "unacknowledged"
        left_out = skipped(renotify_addressees(self.context, unacknowledged))
        try:
            sent = renotify(self.context, data["subject"], data["message"], unacknowledged)
        except ActionRefused as refused:
            return refuse(self.request, refused.message)
        return {
            "sent": sent,
            # Who got nothing: on paper, no usable address, receipt acknowledged.
            "skipped": [addressee.name for addressee in left_out],
        }
