from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.tracking import convocation_of
from collective.convocation.operations.tracking import record_actual
from collective.convocation.schemas import IRollCall
from collective.convocation.services.body import json_object
from collective.convocation.services.errors import refuse
from collective.convocation.services.tracking.get import tracking_json
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class RollCall(Service):
    """POST <séance>/@roll-call {"recipient": user id, "actual": "present" | "late" | "left" | "absent" | ""}.

    Answers the tracking, with the live quorum.
    """

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, IRollCall)
        try:
            record_actual(convocation_of(self.context, data["recipient"]), data["actual"])
        except AnswerRefused as refused:
            return refuse(self.request, refused.message)
        return tracking_json(self.context)
