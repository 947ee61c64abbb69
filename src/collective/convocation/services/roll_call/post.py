from collective.convocation import _
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.roll_call import record_marks
from collective.convocation.schemas import BadInput
from collective.convocation.schemas import IRollCall
from collective.convocation.schemas import read
from collective.convocation.services.body import declared_length
from collective.convocation.services.body import MAX_BODY
from collective.convocation.services.body import parse_object
from collective.convocation.services.errors import bad_request
from collective.convocation.services.errors import refuse
from collective.convocation.services.tracking.get import tracking_json
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


def marks_of(data):
    """The marks of the body: {"marks": [mark, …]} or one mark; each read against IRollCall."""
    if "marks" not in data:
        return [read(data, IRollCall)]
    marks = data["marks"]
    if not isinstance(marks, list) or not all(isinstance(mark, dict) for mark in marks):
        raise BadInput(_("« marks » must be a list of objects."))
    return [read(mark, IRollCall) for mark in marks]


class RollCall(Service):
    """POST <séance>/@roll-call: one mark, or {"marks": [...]} recorded all or nothing.

    A mark: {"recipient": user id, "actual": "present" | "late" | "left" | "absent" | "",
    "arrived_at": "18:35", "left_at": "20:10"} (times optional: "" clears, absent keeps).
    Answers the tracking, with the live quorum, and ``marked``: how many recipients are marked.
    """

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        request = self.request
        try:
            if declared_length(request) > MAX_BODY:  # refused before reading it
                raise BadInput(_("The request is too large."))
            body = parse_object(request.get("BODY") or b"", request.getHeader("Content-Type") or "")
            marks = marks_of(body)
        except BadInput as refused:
            raise bad_request(refused.message) from None
        try:
            marked = record_marks(self.context, marks)
        except AnswerRefused as refused:
            return refuse(self.request, refused.message)
        return {**tracking_json(self.context), "marked": marked}
