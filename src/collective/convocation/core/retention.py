"""Who is due for anonymisation, free of Plone.

A person is kept while a mandate lasts or a role is held; the retention
period then runs from the latest trace of their functions: a mandate's end,
the last séance they were convoked to, their last login. Nothing known
about them means nothing is decided: they are kept.
"""

from dataclasses import dataclass
from datetime import date

import calendar
import hashlib


@dataclass(frozen=True)
class Person:
    userid: str
    # (start, end) of each mandate; an end of None lasts
    mandates: tuple = ()
    last_seance: date | None = None
    last_login: date | None = None
    holds_role: bool = False
    anonymised: bool = False


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, the month's last day when it is shorter."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def in_office(person: Person, today: date) -> bool:
    """A mandate that has not ended yet, or one still to begin, keeps the person."""
    return any(end is None or end >= today for _start, end in person.mandates)


def functions_ended_on(person: Person) -> date | None:
    """The latest trace of the person's functions, or None when nothing is known."""
    traces = [end for _start, end in person.mandates if end is not None]
    traces += [day for day in (person.last_seance, person.last_login) if day is not None]
    return max(traces, default=None)


def is_due(person: Person, today: date, months: int) -> bool:
    if person.anonymised or person.holds_role or in_office(person, today):
        return False
    ended = functions_ended_on(person)
    return ended is not None and ended < months_before(today, months)


def due(people, today: date, months: int) -> list[str]:
    """The user ids of ``people`` to anonymise on ``today``, sorted."""
    return sorted(person.userid for person in people if is_due(person, today, months))


PSEUDONYM_FIRST_NAME = "Anonyme"


def pseudonym(userid: str) -> dict:
    """Stable, neutral names: the same person always gets the same ones, and they name nobody.

    « Anonyme 3F2A4B1C »: first and last name, so that the émargement's
    columns and its order by last name still hold.
    """
    code = hashlib.sha256(userid.encode("utf-8")).hexdigest()[:8].upper()
    return {
        "fullname": f"{PSEUDONYM_FIRST_NAME} {code}",
        "first_name": PSEUDONYM_FIRST_NAME,
        "last_name": code,
    }
