"""Reminders to the recipients who have not acknowledged receipt (make remind, from a cron)."""

from collective.convocation.content.convocation import recipient_id
from collective.convocation.core import legal
from collective.convocation.operations import jobs
from collective.convocation.operations.audiences import addressees
from collective.convocation.operations.mails import mail
from collective.convocation.operations.rules import is_notified
from collective.convocation.operations.rules import require_notified
from datetime import date
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
    """The reminders of the day as a job; how many it mails."""
    found = reminder_addressees(seance, today)
    # mail() itself skips paper and unreachable recipients, and marks an address gone since.
    targets = [a.convocation.recipient for a in found if a.skipped not in ("received", "reminded")]
    jobs.start("reminder", seance, targets, today=today.isoformat())
    return sum(a.skipped is None for a in found)


def remind_one(seance, userid, params):
    """The job's step: one recipient reminded, unless they acknowledged or were reminded meanwhile."""
    convocation = seance.get(recipient_id(userid))
    today = date.fromisoformat(params["today"])
    if convocation is None or convocation.received_at or convocation.reminded_on == today:
        return
    if mail(convocation, "reminder"):
        convocation.reminded_on = today


def remind(seance, now=None):
    """« Relancer les non-répondants »: the agent reminds, now, those the reminder reaches.

    Returns how many reminders were queued; refused unless the séance is notified.
    """
    require_notified(seance)
    return _remind(seance, legal.local_day(now or datetime.now(UTC)))
