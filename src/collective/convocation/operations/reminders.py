"""Reminders to the recipients who have not acknowledged receipt (make remind, from a cron)."""

from collective.convocation.content.seance import convocations
from collective.convocation.core import legal
from collective.convocation.operations.mails import mail
from collective.convocation.operations.rules import is_notified
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
        for convocation in convocations(seance):
            if convocation.received_at or convocation.reminded_on == today:
                continue
            if mail(convocation, "reminder"):
                convocation.reminded_on = today
                sent += 1
    return sent
