from collective.convocation.operations.answers import answer
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.schemas import IAttendance
from collective.convocation.services.attendance.get import attendance_json
from collective.convocation.services.body import json_object
from collective.convocation.services.errors import refuse
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class Attendance(Service):
    """POST <convocation>/@attendance {"attendance": …, "proxy_holder": …}."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, IAttendance)
        try:
            answer(self.context, data["attendance"], data["proxy_holder"])
        except AnswerRefused as refused:
            return refuse(self.request, refused.message, refused.status)
        return attendance_json(self.context)
