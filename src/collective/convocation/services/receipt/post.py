from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.services.body import json_object
from collective.convocation.services.errors import refuse
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class Receipt(Service):
    """POST <convocation>/@receipt: the recipient acknowledges receipt, once."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # no field, but a body, if any, is a JSON object
        try:
            received_at = acknowledge(self.context, via="api")
        except AnswerRefused as refused:  # only the recipient acknowledges (403)
            return refuse(self.request, refused.message, refused.status)
        return {"received_at": received_at.isoformat(), "received_via": self.context.received_via}
