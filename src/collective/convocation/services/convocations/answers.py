from collective.convocation import _
from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import allowed_attendances
from collective.convocation.operations.answers import answer
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.answers import is_open
from collective.convocation.operations.answers import proxy_candidates
from collective.convocation.services.body import CHOICE
from collective.convocation.services.body import json_object
from collective.convocation.services.body import Text
from collective.convocation.services.body import USER_ID
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class ConvocationService(Service):
    def refuse(self, message, status=400):
        self.request.response.setStatus(status)
        return {
            "error": {
                "type": "BadRequest" if status == 400 else "Forbidden",
                "message": api.portal.translate(message),
            }
        }

    def is_recipient(self):
        return api.user.get_current().getId() == self.context.recipient

    def attendance_state(self):
        convocation = self.context
        return {
            "@id": f"{convocation.absolute_url()}/@attendance",
            "attendance": convocation.attendance,
            "proxy_holder": convocation.proxy_holder,
            "received_at": convocation.received_at.isoformat() if convocation.received_at else None,
            "answered_at": convocation.answered_at.isoformat() if convocation.answered_at else None,
            "open": is_open(convocation),
            "allowed": allowed_attendances(convocation),
            "proxy_candidates": [
                {"id": userid, "title": name} for userid, name in proxy_candidates(convocation)
            ],
            "history": [dict(entry) for entry in convocation.history or ()],
        }


class Receipt(ConvocationService):
    """POST <convocation>/@receipt: the recipient acknowledges receipt, once."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # no field, but a body, if any, is a JSON object
        if not self.is_recipient():
            return self.refuse(_("Only the recipient acknowledges receipt of a convocation."), 403)
        received_at = acknowledge(self.context, via="api")
        return {"received_at": received_at.isoformat(), "received_via": self.context.received_via}


class GetAttendance(ConvocationService):
    """GET <convocation>/@attendance: the answer, what may be answered, and the answers before."""

    def reply(self):
        return self.attendance_state()


class PostAttendance(ConvocationService):
    """POST <convocation>/@attendance {"attendance": …, "proxy_holder": …}."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(
            self.request,
            attendance=Text(max_length=CHOICE, required=True),
            proxy_holder=Text(max_length=USER_ID),
        )
        if not self.is_recipient():
            return self.refuse(_("Only the recipient answers a convocation."), 403)
        try:
            answer(self.context, data["attendance"], data["proxy_holder"])
        except AnswerRefused as refused:
            return self.refuse(refused.message)
        return self.attendance_state()
