"""A postal address typed by an agent: cleaned as the letters read it, or refused with a reason."""

from collective.convocation.core.postal import address_lines
from collective.convocation.core.postal import AddressProblem
from collective.convocation.core.postal import EMPTY
from collective.convocation.core.postal import LINE_TOO_LONG
from collective.convocation.core.postal import TOO_MANY_LINES
from collective.convocation.core.postal import typed_address

import pytest


def test_a_typed_address_is_stored_as_the_letters_print_it():
    typed = "  12 rue  Haute \r\n\n\tBP\x0012\n75001 Paris\n\n"
    assert typed_address(typed) == "12 rue Haute\nBP 12\n75001 Paris"
    assert address_lines(typed_address(typed)) == ("12 rue Haute", "BP 12", "75001 Paris")


def test_five_lines_of_sixty_characters_are_the_most_it_takes():
    typed = "\n".join(f"{n} " + "x" * 58 for n in range(1, 6))
    assert typed_address(typed).splitlines() == typed.splitlines()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", EMPTY),
        (None, EMPTY),
        (" \n\t\r\n\x00 ", EMPTY),
        ("\n".join(f"ligne {n}" for n in range(6)), TOO_MANY_LINES),
        ("1\u20282\u20293\n4\n5\n6", TOO_MANY_LINES),  # Unicode line breaks count as lines
        ("x" * 61, LINE_TOO_LONG),
    ],
)
def test_an_empty_too_long_or_too_wide_address_is_refused(typed, code):
    with pytest.raises(AddressProblem) as problem:
        typed_address(typed)
    assert problem.value.code == code
