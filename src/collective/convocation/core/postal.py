"""Postal addresses, free of Plone: who a paper letter goes to, on at most six lines.

La Poste reads at most six lines (NF Z 10-011): the name line and five
address lines. A line longer than La Poste's 38 characters is printed
smaller rather than cut; a typed text is never read as markup (the
renderers escape it).
"""

from collective.convocation.core.mail.message import one_line
from collective.convocation.core.names import sort_key
from dataclasses import dataclass

import re


# La Poste: six lines in all, the first one the addressee's name.
MAX_ADDRESS_LINES = 5
# Longer than any real line: beyond it, a typed text is cut (« … »).
MAX_LINE = 60
# « 75001 PARIS », « 97400 Saint-Denis Cedex 9 »: the town after the postcode.
POSTCODE = re.compile(r"^\s*(?:\d{5}|\d{2} \d{3})\s+")
CEDEX = re.compile(r"\s+cedex(?:\s+\d+)?\s*$", re.IGNORECASE)


def address_lines(text) -> tuple[str, ...]:
    """The lines of a typed address, each on one line and cut, blank ones dropped, five at most."""
    lines = (one_line(line, MAX_LINE) for line in str(text or "").splitlines())
    return tuple(line for line in lines if line)[:MAX_ADDRESS_LINES]


# Refusal codes of a typed address (the Plone side words them)
EMPTY = "empty"
TOO_MANY_LINES = "too-many-lines"
LINE_TOO_LONG = "line-too-long"


class AddressProblem(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def typed_address(text) -> str:
    """The address to store from a typed one, its lines cleaned as ``address_lines`` reads them.

    AddressProblem when nothing is left, or when the cleaner would drop a line
    or cut one: what is saved is then exactly what the letters print.
    """
    # Cleaned as address_lines does, but never cut here: a long line is refused instead.
    lines = [one_line(line, len(line) + 1) for line in str(text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise AddressProblem(EMPTY)
    if len(lines) > MAX_ADDRESS_LINES:
        raise AddressProblem(TOO_MANY_LINES)
    if any(len(line) > MAX_LINE for line in lines):
        raise AddressProblem(LINE_TOO_LONG)
    return "\n".join(lines)


def town(lines) -> str:
    """The town of an address: its last line without the postcode and « CEDEX » (« Saint-Demo »)."""
    if not lines:
        return ""
    last = lines[-1]
    if not POSTCODE.match(last):
        return ""
    return CEDEX.sub("", POSTCODE.sub("", last)).strip()


@dataclass(frozen=True)
class Addressee:
    """A paper recipient: the name line of the envelope and the address lines below it."""

    civility: str
    first_name: str
    last_name: str
    lines: tuple[str, ...] = ()

    @property
    def name_line(self) -> str:
        parts = (self.civility, self.first_name, self.last_name)
        return one_line(" ".join(part for part in parts if part), MAX_LINE * 2)

    @property
    def has_address(self) -> bool:
        return bool(self.lines)

    def sort_key(self) -> tuple:
        return sort_key(self.last_name, self.first_name)


def sorted_addressees(addressees) -> list:
    """The French order: last name, then first name, accents and case aside."""
    return sorted(addressees, key=Addressee.sort_key)
