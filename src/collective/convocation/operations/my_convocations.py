"""The officials' side, read from the catalog alone: « Mes convocations »."""

from collective.convocation.operations.journal import entries
from datetime import datetime
from datetime import UTC
from plone import api


def my_convocations(userid, period="upcoming", now=None):
    """The user's convocations across every mandate and collectivity, as plain data.

    Upcoming: séances still to come and not cancelled, soonest first; past:
    the others, latest first. No object is woken up.
    """
    now = now or datetime.now(UTC)
    brains = api.content.find(convocation_recipient=userid, sort_on="seance_start")
    items = []
    for brain in brains:
        upcoming = brain.seance_start >= now and brain.seance_state == "notified"
        if upcoming != (period == "upcoming"):
            continue
        convocation_url = brain.getURL()
        items.append(
            {
                "@id": convocation_url,
                "category": brain.convocation_category,
                "received": brain.convocation_received,
                "attendance": brain.convocation_attendance,
                "proxy_holder": brain.convocation_proxy_holder,
                "seance": {
                    "@id": convocation_url.rsplit("/", 1)[0],
                    "title": brain.seance_title,
                    "start": brain.seance_start.isoformat(),
                    "location": brain.seance_location,
                    "state": brain.seance_state,
                },
                "assembly": brain.assembly_title,
                "collectivity": brain.collectivity_title,
            }
        )
    return items if period == "upcoming" else items[::-1]


def cancellation_reason(seance):
    """Why the séance was cancelled: the cancel transition's comment, kept in its journal ('' if none)."""
    for entry in reversed(entries(seance)):
        if entry["kind"] == "cancelled":
            return (entry.get("data") or {}).get("reason", "")
    return ""
