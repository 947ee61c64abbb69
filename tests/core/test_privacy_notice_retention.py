"""RGPD without a site: the notice's placeholders, the mail footer, and who the retention anonymises."""

from collective.convocation.core import privacy_notice
from collective.convocation.core.retention import due
from collective.convocation.core.retention import is_due
from collective.convocation.core.retention import months_before
from collective.convocation.core.retention import Person
from collective.convocation.core.retention import pseudonym
from datetime import date

import pytest


def test_placeholders_typed_without_the_accent_are_filled_too():
    assert privacy_notice.fill("[collectivite] / [DPO]", "Ville A", "le DPD") == "Ville A / le DPD"


@pytest.mark.parametrize(
    "name,email,expected",
    [
        ("Jeanne Martin", "dpd@ville-a.fr", "Jeanne Martin (dpd@ville-a.fr)"),
        ("Jeanne Martin", "", "Jeanne Martin"),
        ("", "dpd@ville-a.fr", "dpd@ville-a.fr"),
        ("  ", None, "le DPD de Ville A"),
    ],
)
def test_the_dpo_is_named_by_what_is_known_of_him(name, email, expected):
    assert privacy_notice.dpo_designation(name, email, "le DPD de Ville A") == expected


def test_the_footer_goes_under_a_signature_separator_once():
    line = "Vos données personnelles et vos droits : https://x/ville-a/@@donnees-personnelles"
    text = privacy_notice.with_footer("Bonjour,\n\nVous êtes convoqué.\n", line)
    assert text == f"Bonjour,\n\nVous êtes convoqué.\n\n-- \n{line}\n"
    assert privacy_notice.with_footer(text, line) == text


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (date(2031, 9, 15), 12, date(2030, 9, 15)),
        (date(2031, 3, 31), 1, date(2031, 2, 28)),
        (date(2032, 3, 31), 1, date(2032, 2, 29)),
        (date(2031, 1, 10), 13, date(2029, 12, 10)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


TODAY = date(2031, 9, 15)  # twelve months before: 2030-09-15


@pytest.mark.parametrize(
    "person,expected",
    [
        # a mandate that lasts, or ends later, or starts later: in office
        (Person("maire", mandates=((date(2026, 3, 22), None),)), False),
        (Person("adjoint", mandates=((date(2026, 3, 22), date(2032, 3, 1)),)), False),
        (Person("futur", mandates=((date(2032, 3, 1), None),)), False),
        # one mandate over long ago, another still on: kept
        (
            Person(
                "cumul",
                mandates=((date(2020, 3, 1), date(2026, 3, 1)), (date(2026, 3, 22), None)),
            ),
            False,
        ),
        # ended more than twelve months ago: due
        (Person("ancien", mandates=((date(2020, 3, 1), date(2030, 9, 14)),)), True),
        # ended exactly twelve months ago, or less: not yet
        (Person("recent", mandates=((date(2020, 3, 1), date(2030, 9, 15)),)), False),
        # an agent still holding a role is untouched, whatever else
        (Person("agent", last_login=date(2020, 1, 1), holds_role=True), False),
        # a former agent: the retention runs from the last login
        (Person("ex-agent", last_login=date(2030, 1, 1)), True),
        (Person("ex-agent-recent", last_login=date(2031, 1, 1)), False),
        # an invitee: from the last séance he was invited to
        (Person("invite", last_seance=date(2030, 6, 1)), True),
        (Person("invite-recent", last_seance=date(2031, 6, 1)), False),
        # a login after the end of the mandate restarts the period
        (
            Person(
                "lecteur",
                mandates=((date(2020, 3, 1), date(2029, 1, 1)),),
                last_login=date(2031, 1, 1),
            ),
            False,
        ),
        # nothing known: nobody can say it ended, kept
        (Person("inconnu"), False),
        # done already: not again
        (Person("fait", last_login=date(2020, 1, 1), anonymised=True), False),
    ],
    ids=lambda value: value.userid if isinstance(value, Person) else str(value),
)
def test_who_is_due(person, expected):
    assert is_due(person, TODAY, 12) is expected


def test_the_period_is_the_setting():
    person = Person("ancien", mandates=((date(2020, 3, 1), date(2031, 1, 1)),))
    assert not is_due(person, TODAY, 12)
    assert is_due(person, TODAY, 6)


def test_due_lists_the_user_ids_sorted():
    people = [
        Person("b", last_login=date(2020, 1, 1)),
        Person("a", last_seance=date(2020, 1, 1)),
        Person("c", mandates=((date(2020, 1, 1), None),)),
    ]
    assert due(people, TODAY, 12) == ["a", "b"]


def test_the_pseudonym_is_stable_neutral_and_per_person():
    first = pseudonym("odile.officielle@ville-a")
    assert first == pseudonym("odile.officielle@ville-a")
    assert first != pseudonym("oscar.second@ville-a")
    assert first["first_name"] == "Anonyme"
    assert first["fullname"] == f"Anonyme {first['last_name']}"
    assert "odile" not in first["fullname"].lower()
