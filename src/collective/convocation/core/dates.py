"""French wording of dates, free of Plone and of the process locale."""

from collective.convocation.core.legal import PARIS
from datetime import date
from datetime import datetime


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: date) -> str:
    """'1er décembre 2026', '12 décembre 2026'."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def moment(value: datetime | None) -> str:
    """JJ/MM/AAAA HH:MM in Paris, the way French spreadsheets and agents write it."""
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if value else ""


def day_of(value: datetime | None) -> str:
    """JJ/MM/AAAA in Paris: a day recorded without its hour (« posté le »)."""
    return value.astimezone(PARIS).strftime("%d/%m/%Y") if value else ""


def time_of_day(value: datetime) -> str:
    """« 18h30 »: the hour of ``value`` in Paris, the French way."""
    local = value.astimezone(PARIS)
    return f"{local:%H}h{local:%M}"


def day_and_time(value: datetime, between: str = " à ") -> str:
    """« 15 décembre 2026 à 18h30 », in Paris."""
    return f"{french_date(value.astimezone(PARIS).date())}{between}{time_of_day(value)}"
