"""« Only the recipient answers »: enforced by the operations, so that every face refuses it (#10)."""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from collective.convocation.operations.answers import AnswerRefused
from plone.app.testing import login
from world import userid

import pytest


def test_another_official_can_neither_acknowledge_nor_answer(world, portal):
    convocation = world.convocations[("notified", "official")]
    convocation.received_at = None
    login(portal, userid("official2"))
    with pytest.raises(AnswerRefused) as refused:
        acknowledge(convocation)
    assert refused.value.status == 403
    assert refused.value.message == "Seul le destinataire accuse réception de sa convocation."
    assert convocation.received_at is None
    with pytest.raises(AnswerRefused) as refused:
        answer(convocation, "present")
    assert refused.value.status == 403
    assert refused.value.message == "Seul le destinataire répond à sa convocation."
    assert convocation.attendance == "unanswered"
