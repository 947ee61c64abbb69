"""When a convocation left for its recipient, by the way it went."""

from collective.convocation.core.delivery import sent_when
from datetime import datetime
from datetime import UTC


MAILED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POSTED = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)


def test_a_mail_left_when_it_was_queued():
    assert sent_when("delivered", MAILED, None) == MAILED
    assert sent_when(None, MAILED, None) == MAILED


def test_a_paper_convocation_left_when_it_was_posted_and_not_before():
    assert sent_when("paper", MAILED, None) is None
    assert sent_when("paper", MAILED, POSTED) == POSTED


def test_nothing_left_for_a_recipient_nothing_could_reach():
    assert sent_when("unreachable", MAILED, None) is None
