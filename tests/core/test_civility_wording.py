"""Words agree with the official's civility: « Présente » for Mme, « Présent » otherwise (issue 11, item 7)."""

from collective.convocation.core.wording import agreed
from collective.convocation.core.wording import attendance_word
from collective.convocation.core.wording import is_feminine
from collective.convocation.core.wording import of
from collective.convocation.core.wording import weekday_and_time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest


@pytest.mark.parametrize("civility", ["Mme", "mme", "Mme.", " Madame ", "MLLE"])
def test_feminine_civilities(civility):
    assert is_feminine(civility)


@pytest.mark.parametrize("civility", ["M.", "Monsieur", "", None, "Dr", "Mmeee"])
def test_other_civilities_take_the_masculine(civility):
    assert not is_feminine(civility)


@pytest.mark.parametrize(
    "value,masculine,feminine",
    [
        ("present", "Présent", "Présente"),
        ("absent", "Absent", "Absente"),
        ("represented", "Représenté", "Représentée"),
        ("deputy", "Remplacé par son suppléant", "Remplacée par son suppléant"),
        ("remote", "À distance", "À distance"),
        ("proxy", "Donne pouvoir", "Donne pouvoir"),
    ],
)
def test_attendance_words(value, masculine, feminine):
    assert attendance_word(value, "M.") == masculine
    assert attendance_word(value, "") == masculine
    assert attendance_word(value, "Mme") == feminine


def test_unknown_value_is_kept():
    assert attendance_word("maybe", "Mme") == "maybe"


def test_agreed():
    assert agreed("présent", "présente", "Madame") == "présente"
    assert agreed("présent", "présente", "M.") == "présent"


def test_weekday_and_time_in_paris():
    assert (
        weekday_and_time(datetime(2026, 12, 15, 17, 30, tzinfo=ZoneInfo("UTC")))
        == "mardi 15 décembre 2026 à 18h30"
    )
    # 23h30 UTC on a Sunday is already Monday in Paris.
    assert (
        weekday_and_time(datetime(2026, 12, 13, 23, 30, tzinfo=ZoneInfo("UTC")))
        == "lundi 14 décembre 2026 à 00h30"
    )


@pytest.mark.parametrize(
    "name,said",
    [
        ("Paul Martin", "de Paul Martin"),
        ("Anne Zoé", "d'Anne Zoé"),
        ("Étienne Roux", "d'Étienne Roux"),
        ("Hélène Marchand", "d'Hélène Marchand"),
        ("", "de "),
    ],
)
def test_de_is_elided_before_a_vowel_or_a_mute_h(name, said):
    assert of(name) == said
