from collective.convocation import _
from collective.convocation.operations.answers import acknowledge
from collective.convocation.services.body import json_object
from collective.convocation.services.errors import refuse
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


def is_recipient(convocation):
    return api.user.get_current().getId() == convocation.recipient


class Receipt(Service):
    """POST <convocation>/@receipt: the recipient acknowledges receipt, once."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # no field, but a body, if any, is a JSON object
        if not is_recipient(self.context):
            return refuse(
                self.request, _("Only the recipient acknowledges receipt of a convocation."), 403
            )
        received_at = acknowledge(self.context, via="api")
        return {"received_at": received_at.isoformat(), "received_via": self.context.received_via}
