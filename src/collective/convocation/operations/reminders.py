"""Reminders to the recipients who have not acknowledged receipt (make remind, from a cron)."""

from collective.convocation.core import legal
from collective.convocation.operations.audiences import addressees
from collective.convocation.operations.mails import mail
from collective.convocation.operations.rules import is_notified
from collective.convocation.operations.rules import require_notified
from datetime import datetime
from datetime import time
from datetime import timedelta
from datetime import UTC
from plone import api


def send_reminders(now=None, days=None):
    """Mail a reminder for each séance starting within ``days`` days; once a day at most.

    Returns how many reminders were queued.
    """
    now = now or datetime.now(UTC)
    if days is None:
        days = api.portal.get_registry_record("collective.convocation.reminder_days", default=2)
    today = legal.local_day(now)
    until = datetime.combine(today + timedelta(days=days), time.max, tzinfo=legal.PARIS)
    sent = 0
    for brain in api.content.find(
        portal_type="Seance",
        review_state="notified",
        seance_start={"query": [now, until], "range": "min:max"},
        unrestricted=True,
    ):
        seance = brain._unrestrictedGetObject()
        if not is_notified(seance):  # the catalog may lag behind a transition
            continue
        sent += _remind(seance, today)
    return sent


def reminder_addressees(seance, today=None):
    """Who a reminder reaches: not those who acknowledged, were reminded today, or get no mail."""
    today = today or legal.local_day(datetime.now(UTC))

    def done(convocation):
        if convocation.received_at:
            return "received"
        return "reminded" if convocation.reminded_on == today else None

    return addressees(seance, done)


def _remind(seance, today):
    sent = 0
    for addressee in reminder_addressees(seance, today):
        if addressee.skipped in ("received", "reminded"):
            continue
        # mail() itself skips paper and unreachable recipients, and marks an address gone since.
        if mail(addressee.convocation, "reminder"):
            addressee.convocation.reminded_on = today
            sent += 1
    return sent


def remind(seance, now=None):
    """« Relancer les non-répondants »: the agent reminds, now, those the reminder reaches.

    Returns how many reminders were queued; refused unless the séance is notified.
    """
    require_notified(seance)
    return _remind(seance, legal.local_day(now or datetime.now(UTC)))
