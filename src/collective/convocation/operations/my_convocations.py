"""The officials' side, read from the catalog alone: « Mes convocations »."""

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
    """Why the séance was cancelled: the cancel transition's comment, as its workflow history keeps it.

    Read there rather than from the journal, whose pages an official's every visit would wake.
    """
    for step in reversed(seance.workflow_history.get("seance_workflow", ())):
        if step.get("action") == "cancel":
            return (step.get("comments") or "").strip()
    return ""
