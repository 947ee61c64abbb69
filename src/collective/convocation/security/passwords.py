"""The password rule of the CNIL (délibération n° 2022-100), free of Plone.

A password holds at least 12 characters mixing lower case, upper case, digits
and special characters, or at least 14 characters of any kind; and it is none
of the most common passwords, even with digits or symbols around it.
The common passwords are zxcvbn's list of 30,000 (MIT licence, Dropbox), lower case.
"""

from collective.convocation import _
from functools import cache
from pathlib import Path

import string


MIXED_LENGTH = 12
ANY_LENGTH = 14
# A common word with a year or a "!" around it is as common: "Password2026!".
DECORATION = string.digits + string.punctuation + " "
SHORTEST_CORE = 6


@cache
def common_passwords():
    text = (Path(__file__).parent / "common-passwords.txt").read_text(encoding="utf-8")
    return frozenset(text.split())


def kinds(password):
    """How many of the 4 kinds of characters ``password`` mixes."""
    return sum(
        (
            any(char.islower() for char in password),
            any(char.isupper() for char in password),
            any(char.isdigit() for char in password),
            any(not char.isalnum() for char in password),
        )
    )


def is_common(password):
    lowered = password.lower()
    core = lowered.strip(DECORATION)
    return lowered in common_passwords() or (
        len(core) >= SHORTEST_CORE and core in common_passwords()
    )


def password_problem(password):
    """Why ``password`` is refused, as a message to translate; None when it is good."""
    if len(password) < ANY_LENGTH and not (len(password) >= MIXED_LENGTH and kinds(password) == 4):
        return _(
            "The password needs at least 12 characters mixing lower case, upper case, digits "
            "and special characters, or at least 14 characters."
        )
    if is_common(password):
        return _("This password is among the most common ones: choose another.")
    return None
