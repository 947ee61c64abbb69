from collective.convocation import _
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import resend
from collective.convocation.services.body import json_object
from collective.convocation.services.errors import refuse
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class Resend(Service):
    """POST <convocation>/@resend: the recipient's convocation again."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # no field, but a body, if any, is a JSON object
        try:
            resent = resend(self.context)
        except ActionRefused as refused:
            return refuse(self.request, refused.message)
        if not resent:
            return refuse(
                self.request,
                _("This recipient has no email address or receives the convocation on paper."),
            )
        return {"delivery": self.context.delivery}
