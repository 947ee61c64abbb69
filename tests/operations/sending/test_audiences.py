"""Whom a mail about a séance reaches and whom it skips: the renotification, the reminder, the cancellation."""

from collective.convocation.operations.audiences import reached
from collective.convocation.operations.audiences import renotify_addressees
from collective.convocation.operations.audiences import skipped
from collective.convocation.operations.reminders import remind
from collective.convocation.operations.reminders import reminder_addressees
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import renotify
from datetime import datetime
from datetime import UTC
from test_sending import add_seance
from test_sending import council  # noqa: F401 (a fixture)
from test_sending import mails_to
from test_sending import notify

import pytest


@pytest.fixture
def seance(council):  # noqa: F811
    seance = add_seance(council, days_ahead=10)
    notify(seance)
    return seance


def names(found):
    return [(addressee.name, addressee.skipped) for addressee in found]


def test_renotify_skips_paper_and_unreachable_and_says_so(seance, portal):
    found = renotify_addressees(seance)
    assert names(reached(found)) == [  # by last name, the French way
        ("Directrice Générale", None),
        ("Joël Lefèvre", None),
        ("Hélène Marchand", None),
    ]
    assert names(skipped(found)) == [("Noël Lambert", "paper"), ("Zoé Mercier", "unreachable")]
    portal.MailHost.reset()
    assert renotify(seance, "PV", "Le PV est en ligne.") == len(reached(found))


def test_to_the_unacknowledged_those_who_acknowledged_are_skipped(seance):
    seance["convocation-helene-ville"].received_at = datetime.now(UTC)
    found = renotify_addressees(seance, unacknowledged_only=True)
    assert ("Hélène Marchand", "received") in names(skipped(found))
    assert [name for name, _ in names(reached(found))] == ["Directrice Générale", "Joël Lefèvre"]


def test_the_agent_reminds_those_the_reminder_reaches_once_a_day(seance, portal):
    seance["convocation-helene-ville"].received_at = datetime.now(UTC)
    found = reminder_addressees(seance)
    assert names(skipped(found)) == [
        ("Noël Lambert", "paper"),
        ("Hélène Marchand", "received"),
        ("Zoé Mercier", "unreachable"),
    ]
    portal.MailHost.reset()
    assert remind(seance) == 2
    assert mails_to(portal, "joel@example.org")[0]["Subject"].startswith("Rappel : ")
    # Reminded today: the same day's second click reaches nobody.
    assert ("Joël Lefèvre", "reminded") in names(skipped(reminder_addressees(seance)))
    assert remind(seance) == 0


def test_no_reminder_about_a_draft(council):  # noqa: F811
    with pytest.raises(ActionRefused) as refused:
        remind(add_seance(council))
    assert "aucun message n'est envoyé" in refused.value.message
