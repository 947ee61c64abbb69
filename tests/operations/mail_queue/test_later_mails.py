"""A later mail (reminder, message, cancellation) never rewrites what became of the convocation's own mail."""

from collective.convocation.operations import journal
from collective.convocation.operations import mails
from collective.convocation.operations.mail_queue import apply_outcome
from collective.convocation.operations.mail_queue import FAILED
from collective.convocation.operations.mail_queue import SENT
from collective.convocation.operations.mails import mail
from collective.convocation.operations.sending import resend
from plone import api


def outcomes(convocation):
    seance = convocation.aq_parent
    return [
        (entry["kind"], entry["data"].get("mail", "convocation"), entry["data"].get("reason", ""))
        for entry in journal.entries(seance)
        if entry["kind"] in ("mail-sent", "mail-failed")
        and entry["data"].get("recipient") == convocation.recipient
    ]


def test_a_failed_reminder_leaves_the_delivered_convocation_delivered(world, monkeypatch):
    convocation = world.convocations[("notified", "official")]
    # The test MailHost has no queue: the convocation's mail counted as sent at the sending
    assert convocation.delivery == "sent"
    delivered_at = convocation.delivered_at
    # From now on, as with the MailHost's queue: the outcome comes back later, from its thread
    queued = []
    monkeypatch.setattr(
        mails,
        "queue",
        lambda message, convocation=None, kind="convocation": queued.append(kind) or True,
    )
    with api.env.adopt_roles(["Manager"]):
        assert mail(convocation, "reminder")
        assert mail(convocation, "renotify", "Ordre du jour complété", "Un point 6.")
    assert queued == ["reminder", "renotify"]
    assert convocation.delivery == "sent"  # the reminder is queued: the convocation stays delivered
    # The server refuses the reminder, later.
    apply_outcome(convocation, FAILED, "[Errno 111] Connection refused", kind="reminder")
    apply_outcome(convocation, FAILED, "550 5.1.1 Mailbox unavailable", kind="renotify")
    assert convocation.delivery == "sent"
    assert convocation.delivery_error == ""
    assert convocation.delivered_at == delivered_at
    assert convocation.last_mail["mail"] == "renotify"
    assert convocation.last_mail["status"] == FAILED
    # The journal keeps each later mail's outcome, with the server's raw answer
    found = outcomes(convocation)
    assert ("mail-failed", "reminder", "[Errno 111] Connection refused") in found
    assert ("mail-failed", "renotify", "550 5.1.1 Mailbox unavailable") in found
    apply_outcome(convocation, SENT, at="2026-12-01T09:00:00+00:00", kind="reminder")
    assert ("mail-sent", "reminder", "") in outcomes(convocation)
    assert convocation.delivery == "sent" and convocation.last_mail["status"] == SENT


def test_a_sent_reminder_does_not_settle_a_convocation_still_queued(world):
    convocation = world.convocations[("notified", "official2")]
    convocation.delivery = "queued"  # its mail waits in the queue
    apply_outcome(convocation, SENT, at="2026-12-01T09:00:00+00:00", kind="reminder")
    assert convocation.delivery == "queued"
    apply_outcome(convocation, FAILED, "550 5.1.1 Mailbox unavailable", kind="convocation")
    assert convocation.delivery == "failed"
    assert convocation.delivery_error == "550 5.1.1 Mailbox unavailable"


def test_sending_the_convocation_again_is_its_delivery(world):
    convocation = world.convocations[("notified", "official")]
    convocation.delivery, convocation.delivery_error = "failed", "550 5.1.1 Mailbox unavailable"
    with api.env.adopt_roles(["Manager"]):
        assert resend(convocation)
    assert convocation.delivery == "sent" and convocation.delivery_error == ""
