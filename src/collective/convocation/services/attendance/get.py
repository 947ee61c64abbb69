from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.answers import is_open
from collective.convocation.operations.answers import offered_attendances
from collective.convocation.operations.answers import proxies_held
from collective.convocation.operations.answers import proxy_candidates
from plone.restapi.services import Service


def attendance_json(convocation):
    """The answer, what may be answered, and the answers before."""
    return {
        "@id": f"{convocation.absolute_url()}/@attendance",
        "attendance": convocation.attendance,
        "proxy_holder": convocation.proxy_holder,
        "received_at": convocation.received_at.isoformat() if convocation.received_at else None,
        "answered_at": convocation.answered_at.isoformat() if convocation.answered_at else None,
        "open": is_open(convocation),
        # Answers change until the séance starts.
        "answer_before": ancestor(convocation, ISeance).start.isoformat(),
        # « proxy » only when a colleague can hold it: no answer that leads nowhere.
        "allowed": offered_attendances(convocation),
        "proxy_candidates": [
            {"id": userid, "title": name} for userid, name in proxy_candidates(convocation)
        ],
        "proxies_held": [
            {"id": userid, "name": name} for userid, name in proxies_held(convocation)
        ],
        "history": [dict(entry) for entry in convocation.history or ()],
    }


class Attendance(Service):
    """GET <convocation>/@attendance: the answer, what may be answered, and the answers before."""

    def reply(self):
        return attendance_json(self.context)
