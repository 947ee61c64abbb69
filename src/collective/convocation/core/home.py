"""What the agents' home says of a séance, free of Plone: the sending deadline and the rates."""

from collective.convocation.core import legal
from dataclasses import dataclass
from datetime import date
from datetime import datetime


@dataclass(frozen=True)
class Deadline:
    """When a draft must be sent, seen from ``today``."""

    last_day: date  # the last day the sending still gives the required jours francs
    required: int  # jours francs the law (or the assembly) asks
    clear_days: int  # jours francs between today and the séance, were it sent today
    passed: bool  # sending today would not give the required notice


def deadline(start: datetime, required_days: int, today: date, zone=legal.PARIS) -> Deadline:
    last_day = legal.last_sending_day(start, required_days, zone)
    return Deadline(
        last_day=last_day,
        required=required_days,
        clear_days=legal.clear_days(today, legal.local_day(start, zone)),
        passed=today > last_day,
    )


@dataclass(frozen=True)
class Rates:
    """How many of a séance's recipients acknowledged receipt and answered."""

    recipients: int = 0
    received: int = 0
    answered: int = 0


def rates(rows) -> Rates:
    """``rows``: (received, attendance) of each recipient, as the catalog's metadata holds them."""
    recipients = received = answered = 0
    for was_received, attendance in rows:
        recipients += 1
        received += bool(was_received)
        answered += (attendance or "unanswered") != "unanswered"
    return Rates(recipients, received, answered)
