from collective.convocation.answers import AnswerRefused
from collective.convocation.services.tracking.get import tracking_json
from collective.convocation.tracking import convocation_of
from collective.convocation.tracking import record_actual
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides


class RollCall(Service):
    """POST <séance>/@roll-call {"recipient": user id, "actual": "present" | "late" | "left" | "absent" | ""}.

    Answers the tracking, with the live quorum.
    """

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request)
        try:
            record_actual(
                convocation_of(self.context, data.get("recipient") or ""), data.get("actual") or ""
            )
        except AnswerRefused as refused:
            return self._refuse(refused.message)
        return tracking_json(self.context)

    def _refuse(self, message):
        self.request.response.setStatus(400)
        return {"error": {"type": "BadRequest", "message": message}}
