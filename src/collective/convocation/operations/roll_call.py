"""The roll call in one pass: every mark of the form (or of POST @roll-call) checked, then all recorded."""

from collective.convocation import _
from collective.convocation.core import legal
from collective.convocation.core import roll_call
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.answers import quoted
from collective.convocation.operations.rules import roll_call_refusal
from collective.convocation.operations.tracking import check_actual
from collective.convocation.operations.tracking import convocation_of
from collective.convocation.operations.tracking import record_actual
from collective.convocation.operations.tracking import UNCHANGED
from plone import api
from zope.i18nmessageid import Message


MAX_MARKS = 1000  # more than any assembly's recipients
PROBLEMS = {
    roll_call.TIME_NOT_UNDERSTOOD: _("${name}: write the time as 18:35."),
    roll_call.LEFT_BEFORE_ARRIVAL: _(
        "${name}: the departure (${left}) comes before the arrival (${arrived})."
    ),
}


def _refuse(message, **mapping):
    raise AnswerRefused(api.portal.translate(Message(message, mapping=mapping)))


def _times(day, convocation, mark):
    """(arrived_at, left_at) of a mark: a time, None ("" clears it) or UNCHANGED (not sent)."""
    arrived, left = mark.get("arrived_at"), mark.get("left_at")
    try:
        arrived_at, left_at = roll_call.times(day, arrived, left)
    except roll_call.TimeProblem as problem:
        _refuse(PROBLEMS[problem.code], name=convocation.Title(), arrived=arrived, left=left)
    # One time sent, the other kept: they must still come in order.
    stored_arrival = getattr(convocation, "arrived_at", None)
    stored_departure = getattr(convocation, "left_at", None)
    first = arrived_at if arrived is not None else stored_arrival
    last = left_at if left is not None else stored_departure
    if first and last and last < first:
        _refuse(
            PROBLEMS[roll_call.LEFT_BEFORE_ARRIVAL],
            name=convocation.Title(),
            arrived=roll_call.clock_of(first),
            left=roll_call.clock_of(last),
        )
    return (
        UNCHANGED if arrived is None else arrived_at,
        UNCHANGED if left is None else left_at,
    )


def checked_marks(seance, marks):
    """[(convocation, actual, arrived_at, left_at)] of ``marks``; AnswerRefused, in French, for any flaw."""
    refusal = roll_call_refusal(seance)
    if refusal is not None:
        raise AnswerRefused(refusal)
    if len(marks) > MAX_MARKS:
        _refuse(_("Too many marks at once (${max} at most)."), max=MAX_MARKS)
    day = legal.local_day(seance.start)
    checked, seen = [], set()
    for mark in marks:
        convocation = convocation_of(seance, mark["recipient"])
        if convocation.recipient in seen:
            _refuse(_("${name} is marked twice."), name=quoted(convocation.Title()))
        seen.add(convocation.recipient)
        check_actual(convocation, mark["actual"])
        checked.append((convocation, mark["actual"], *_times(day, convocation, mark)))
    return checked


def _changes(convocation, actual, arrived_at, left_at):
    return (
        (convocation.actual or "") != (actual or "")
        or (arrived_at is not UNCHANGED and getattr(convocation, "arrived_at", None) != arrived_at)
        or (left_at is not UNCHANGED and getattr(convocation, "left_at", None) != left_at)
    )


def record_marks(seance, marks):
    """Record every mark, or none: each one checked first (« Tous présents » and its exceptions).

    ``marks``: dicts of recipient, actual ("" clears), arrived_at / left_at (« 18:35 », "" clears,
    absent keeps). One journal entry per recipient whose mark changed. Returns the number of
    recipients marked once recorded.
    """
    checked = checked_marks(seance, marks)
    for convocation, actual, arrived_at, left_at in checked:
        if _changes(convocation, actual, arrived_at, left_at):
            record_actual(convocation, actual, arrived_at, left_at)
    return sum(1 for mark in checked if mark[1])
