"""A person's name, worded once: their stored full name on one line, else their user id."""

from collective.convocation.core.names import first_and_last
from collective.convocation.core.names import full_name
from collective.convocation.core.names import joined

import pytest


@pytest.mark.parametrize(
    "stored,text",
    [
        ("Hélène Marchand", "Hélène Marchand"),
        ("  Hélène\nMarchand ", "Hélène Marchand"),
        ("", "helene@ville-a"),
        (None, "helene@ville-a"),
        ("\r\n", "helene@ville-a"),
    ],
)
def test_full_name(stored, text):
    assert full_name(stored, "helene@ville-a") == text


def test_full_name_without_a_user_id():
    assert full_name(None) == ""


@pytest.mark.parametrize(
    "fullname,first,last,names",
    [
        ("Hélène Marchand", "", "", ("Hélène", "Marchand")),
        ("Jean Pierre Durand", "Jean Pierre", "Durand", ("Jean Pierre", "Durand")),
        ("Jean Pierre Durand", "", "", ("Jean", "Pierre Durand")),
        ("Cher", "", "", ("Cher", "")),
        ("Hélène Marchand", "Hélène\n", None, ("Hélène", "Marchand")),
    ],
)
def test_first_and_last(fullname, first, last, names):
    assert first_and_last(fullname, first, last) == names


@pytest.mark.parametrize(
    "first,last,fullname",
    [
        ("Hélène", "Marchand", "Hélène Marchand"),
        ("", "Marchand", "Marchand"),
        ("Hélène", "", "Hélène"),
    ],
)
def test_a_new_account_is_stored_as_first_then_last_name(first, last, fullname):
    assert joined(first, last) == fullname
