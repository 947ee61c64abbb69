"""Words that agree with the official they speak of: « Présente » for Mme, « Présent » otherwise."""

from collective.convocation.core.dates import french_date
from collective.convocation.core.dates import time_of_day
from collective.convocation.core.legal import PARIS
from datetime import date
from datetime import datetime

import unicodedata


# The civilities a woman is addressed by, however they were typed.
FEMININE = ("mme", "madame", "mlle", "mademoiselle")

# Each answer, (masculine, feminine): the page speaks to the official herself.
ATTENDANCE_WORDS = {
    "unanswered": ("Sans réponse", "Sans réponse"),
    "present": ("Présent", "Présente"),
    "remote": ("À distance", "À distance"),
    "absent": ("Absent", "Absente"),
    "proxy": ("Donne pouvoir", "Donne pouvoir"),
    "deputy": ("Remplacé par son suppléant", "Remplacée par son suppléant"),
    "represented": ("Représenté", "Représentée"),
    "late": ("Arrivé en retard", "Arrivée en retard"),
    "left": ("Parti avant la fin", "Partie avant la fin"),
}

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def is_feminine(civility: str | None) -> bool:
    """« Mme », « Madame », « mme. »…: the official is a woman; anything else or nothing, the masculine."""
    return (civility or "").strip().rstrip(".").strip().lower() in FEMININE


def agreed(masculine: str, feminine: str, civility: str | None) -> str:
    """The word that agrees with the civility."""
    return feminine if is_feminine(civility) else masculine


def attendance_word(value: str, civility: str | None = "") -> str:
    """The answer ``value`` in French, agreeing with the civility; an unknown value as it is."""
    words = ATTENDANCE_WORDS.get(value)
    return agreed(*words, civility) if words else value


def weekday_date(day: date) -> str:
    """« mardi 26 mai 2030 »."""
    return f"{WEEKDAYS[day.weekday()]} {french_date(day)}"


def weekday_and_time(value: datetime) -> str:
    """« mardi 15 décembre 2026 à 18h30 », in Paris."""
    local = value.astimezone(PARIS)
    return f"{WEEKDAYS[local.weekday()]} {french_date(local.date())} à {time_of_day(value)}"


def of(name: str) -> str:
    """« de Paul Martin », « d'Anne Zoé », « d'Hélène Marchand »: « de » elided before a vowel or a mute h."""
    first = unicodedata.normalize("NFKD", name.strip()[:1]).casefold()[:1]
    return f"d'{name}" if first and first in "aeiouyh" else f"de {name}"
