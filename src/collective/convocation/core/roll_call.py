"""The roll call's times and marks, free of Plone: « 18:35 » on the séance's day, in Paris, stored in UTC."""

from collective.convocation.core.legal import PARIS
from datetime import date
from datetime import datetime
from datetime import time
from datetime import UTC

import re


# Refusal codes (the Plone side words them)
TIME_NOT_UNDERSTOOD = "time-not-understood"
LEFT_BEFORE_ARRIVAL = "left-before-arrival"

# « 18:35 », « 18h35 », « 9h05 » (a time input sends the first)
CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{2})\s*$")
# The mark the « Tous présents » button gives to every row left unmarked.
ALL_PRESENT = "present"


class TimeProblem(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def parse_clock(text: str | None) -> time | None:
    """« 18:35 » as a time; "" or None as None; anything else TimeProblem(TIME_NOT_UNDERSTOOD)."""
    if text is None or not str(text).strip():
        return None
    found = CLOCK.match(str(text))
    if found is None:
        raise TimeProblem(TIME_NOT_UNDERSTOOD)
    hours, minutes = int(found.group(1)), int(found.group(2))
    if hours > 23 or minutes > 59:
        raise TimeProblem(TIME_NOT_UNDERSTOOD)
    return time(hours, minutes)


def on_day(day: date, clock: time | None, zone=PARIS) -> datetime | None:
    """The moment ``clock`` (Paris time) on ``day``, in UTC; None without a time."""
    if clock is None:
        return None
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def clock_of(moment: datetime | None, zone=PARIS) -> str:
    """« 18:35 »: what a time input shows of a stored moment; "" for none."""
    return moment.astimezone(zone).strftime("%H:%M") if moment else ""


def times(day: date, arrived: str | None, left: str | None, zone=PARIS):
    """(arrived_at, left_at) in UTC from the typed times; TimeProblem when unreadable or reversed."""
    arrived_at = on_day(day, parse_clock(arrived), zone)
    left_at = on_day(day, parse_clock(left), zone)
    if arrived_at and left_at and left_at < arrived_at:
        raise TimeProblem(LEFT_BEFORE_ARRIVAL)
    return arrived_at, left_at


def all_present(marks: dict) -> dict:
    """« Tous présents »: every row left unmarked (no value, "") marked present; the others kept."""
    return {recipient: actual or ALL_PRESENT for recipient, actual in marks.items()}
