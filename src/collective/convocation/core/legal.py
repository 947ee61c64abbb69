"""The legal rules of convocation (CGCT), free of Plone: plain values in, plain values out.

Each refusal is a code; the Plone side turns codes into French messages.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo


PARIS = ZoneInfo("Europe/Paris")
LARGE_COMMUNE = 3500  # inhabitants: L2121-12 instead of L2121-11
COMMUNE_NOTICE = 3  # jours francs, L2121-11
LARGE_COMMUNE_NOTICE = 5  # jours francs, L2121-12
DEPARTMENT_NOTICE = 12  # L3121-19 (départements), L4132-18 (régions)
URGENCY_MINIMUM = 1  # jour franc: L2121-12, L3121-19, L4132-18

# Refusal codes
NOTICE_TOO_SHORT = "notice-too-short"
URGENCY_TOO_SHORT = "urgency-too-short"
URGENCY_WITHOUT_REASON = "urgency-without-reason"
PROXY_NOT_ALLOWED = "proxy-not-allowed"
PROXY_TO_SELF = "proxy-to-self"
PROXY_HOLDER_NOT_CONVOKED = "proxy-holder-not-convoked"
PROXY_HOLDER_ABSENT = "proxy-holder-absent"
PROXY_HOLDER_FULL = "proxy-holder-full"
PROXY_GIVER_HOLDS_ONE = "proxy-giver-holds-one"
HOLDER_STAYS_AWAY = "proxy-holder-stays-away"

# Answers after which an official is not in the room to hold a proxy.
NOT_ATTENDING = frozenset({"absent", "proxy", "deputy"})


def local_day(moment: datetime, zone=PARIS) -> date:
    """The calendar day of ``moment`` where the collectivity is."""
    return moment.astimezone(zone).date()


def clear_days(sent_on: date, meeting_on: date) -> int:
    """Jours francs: the whole days between sending and meeting, neither of them counted."""
    return (meeting_on - sent_on).days - 1


def clear_days_given(sent_at: datetime, start: datetime, zone=PARIS) -> int:
    """The jours francs a convocation sent at ``sent_at`` gives a séance starting at ``start``."""
    return clear_days(local_day(sent_at, zone), local_day(start, zone))


def last_sending_day(start: date | datetime, required: int, zone=PARIS) -> date:
    """The last local day a sending still gives ``required`` jours francs before ``start``.

    Neither the sending's day nor the séance's counts: ``required`` whole days lie between them
    (3 jours francs before a séance on the 10th: sent on the 6th at the latest).
    """
    meeting_on = local_day(start, zone) if isinstance(start, datetime) else start
    return meeting_on - timedelta(days=required + 1)


def sending_overdue(now: datetime, start: datetime, required: int, zone=PARIS) -> bool:
    """Sent ``now``, the convocation would give fewer than ``required`` jours francs."""
    return local_day(now, zone) > last_sending_day(start, required, zone)


def applies_large_rules(population: int | None, declared: bool = False) -> bool:
    """L2121-12 applies from 3,500 inhabitants, or when the collectivity declares it.

    An EPCI declares it when it includes a commune of 3,500 inhabitants or more.
    """
    return bool(declared) or (population or 0) >= LARGE_COMMUNE


@dataclass(frozen=True)
class Notice:
    """What the law asks of a convocation to one séance."""

    days: int  # jours francs required
    synthesis_required: bool  # note explicative de synthèse (or reports) with the convocation
    urgency_minimum: int  # jours francs still required when the urgency is declared


def required_notice(
    collectivity_kind: str,
    large_rules: bool,
    assembly_kind: str,
    notice_days: int | None = None,
    urgent: bool = False,
) -> Notice:
    """The notice for a séance of an assembly of a collectivity.

    Councils follow the law, lengthened by the assembly's own setting (a
    règlement intérieur may ask more); other assemblies (bureau, committee)
    have no legal minimum: their setting applies.
    """
    if assembly_kind != "council":
        days = notice_days or 0
        return Notice(
            days=days, synthesis_required=False, urgency_minimum=min(days, URGENCY_MINIMUM)
        )
    if collectivity_kind in ("departement", "region"):
        legal, synthesis = DEPARTMENT_NOTICE, True
    elif large_rules:
        legal, synthesis = LARGE_COMMUNE_NOTICE, True
    else:
        legal, synthesis = COMMUNE_NOTICE, False
    return Notice(
        days=max(legal, notice_days or 0),
        synthesis_required=synthesis,
        urgency_minimum=URGENCY_MINIMUM,
    )


def notice_problem(
    given: int, notice: Notice, urgent: bool = False, urgency_reason: str = ""
) -> str | None:
    """Why ``given`` jours francs are not enough, or None."""
    if urgent:
        if not (urgency_reason or "").strip():
            return URGENCY_WITHOUT_REASON
        return URGENCY_TOO_SHORT if given < notice.urgency_minimum else None
    return NOTICE_TOO_SHORT if given < notice.days else None


def required_days(notice: Notice, urgent: bool = False) -> int:
    """The jours francs that must separate the sending from the séance: fewer in an urgency."""
    return notice.urgency_minimum if urgent else notice.days


def quorum(members_in_office: int, rule: str = "majority") -> int:
    """The majority of the members in office: ⌊n/2⌋ + 1; none where the assembly has no quorum rule."""
    return members_in_office // 2 + 1 if rule == "majority" else 0


def quorum_reached(
    present: int, remote: int, members_in_office: int, remote_counts: bool, rule: str = "majority"
) -> bool:
    """Proxies never count; remote attendance only where the assembly says so."""
    attending = present + (remote if remote_counts else 0)
    return attending >= quorum(members_in_office, rule)


def proxy_problem(
    giver: str,
    holder: str,
    convoked: frozenset | set,
    answers: dict,
    proxies_held: dict,
    max_per_holder: int = 1,
    allowed: bool = True,
) -> str | None:
    """Why ``giver`` cannot give a proxy to ``holder``, or None (L2121-20).

    ``convoked``: the officials convoked to the séance; ``answers``: their
    attendance answers; ``proxies_held``: how many proxies each already holds,
    not counting the giver's own.
    """
    if not allowed:
        return PROXY_NOT_ALLOWED
    if giver == holder:
        return PROXY_TO_SELF
    if holder not in convoked:
        return PROXY_HOLDER_NOT_CONVOKED
    if answers.get(holder) in NOT_ATTENDING:
        return PROXY_HOLDER_ABSENT
    if proxies_held.get(holder, 0) >= max_per_holder:
        return PROXY_HOLDER_FULL
    if proxies_held.get(giver, 0):
        return PROXY_GIVER_HOLDS_ONE
    return None


def proxies_held(proxies, except_giver: str | None = None) -> dict:
    """How many proxies each holder carries, from (giver, attendance, holder) triples.

    ``except_giver``'s own proxy is left out: it is the one being answered.
    """
    held = {}
    for giver, attendance, holder in proxies:
        if attendance == "proxy" and holder and giver != except_giver:
            held[holder] = held.get(holder, 0) + 1
    return held


def absence_problem(attendance: str, holds: int) -> str | None:
    """Why an official who holds ``holds`` proxies cannot answer ``attendance``, or None.

    A holder who declares absent or gives a proxy cannot hold one (L2121-20).
    """
    return HOLDER_STAYS_AWAY if attendance in NOT_ATTENDING and holds else None


def givers_after(givers, giver: str, holder: str | None, new_holder: str | None) -> tuple:
    """The givers whose proxy ``holder`` carries once ``giver`` gave theirs to ``new_holder``."""
    kept = set(givers) - {giver}
    if holder is not None and holder == new_holder:
        kept.add(giver)
    return tuple(sorted(kept))


# Rules at the point of action: when a séance may be archived, called, cancelled.
ARCHIVE_BEFORE_START = "archive-before-start"
ROLL_CALL_NOT_OPEN = "roll-call-not-open"
CANCEL_WITHOUT_REASON = "cancel-without-reason"
CANCEL_AFTER_START = "cancel-after-start"
CANCEL_REASON_TOO_LONG = "cancel-reason-too-long"
# The reason goes into every recipient's mail and onto their page: a few sentences.
CANCEL_REASON_MAX = 2000


def has_started(start: datetime, now: datetime) -> bool:
    """A séance has started once its start is past (or now)."""
    return start <= now


def roll_call_open(start: datetime, now: datetime, zone=PARIS) -> bool:
    """The roll call opens on the séance's local day, at midnight, and stays open after it.

    It closes with the séance itself (archived or cancelled), which the workflow decides.
    """
    return local_day(now, zone) >= local_day(start, zone)


def transition_problem(
    transition: str, start: datetime, now: datetime, comment: str = ""
) -> str | None:
    """Why the séance cannot take ``transition`` now, or None.

    Archiving (« Classer ») closes a séance that took place: not before it starts.
    Cancelling tells every recipient why: the reason is required. A séance that has begun is
    no longer cancelled: it is held, or it lacked its quorum, and the minutes say which.
    """
    if transition == "archive" and not has_started(start, now):
        return ARCHIVE_BEFORE_START
    if transition == "cancel" and has_started(start, now):
        return CANCEL_AFTER_START
    if transition == "cancel" and not (comment or "").strip():
        return CANCEL_WITHOUT_REASON
    if transition == "cancel" and len(comment.strip()) > CANCEL_REASON_MAX:
        return CANCEL_REASON_TOO_LONG
    return None
