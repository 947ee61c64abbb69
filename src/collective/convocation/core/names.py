"""Names stay on one line when they are entered, on every path that stores them.

Plone's personal information form, ``PATCH @users/<id>``, the account forms and
the import all store member properties through PlonePAS's
``setMemberProperties``, which notifies PAS's ``PropertiesUpdated``: the line
breaks and control characters of a name are taken out there, once for all.
"""

from collective.convocation.core.mail.message import one_line

import unicodedata


# Properties shown on one line: in mail headers, the émargement, the CSVs.
ONE_LINE = (
    "fullname",
    "civility",
    "first_name",
    "last_name",
    "phone",
    "function",
    "political_group",
)
# Long enough for any real name; a mail header keeps its lines short.
MAX_NAME = 200


def cleaned(properties) -> dict:
    """The one-line properties of ``properties`` that need cleaning, cleaned."""
    return {
        name: one_line(value, MAX_NAME)
        for name, value in properties.items()
        if name in ONE_LINE and isinstance(value, str) and one_line(value, MAX_NAME) != value
    }


def full_name(stored, userid: str = "") -> str:
    """The name a user is shown by: their stored full name on one line, else their user id."""
    return one_line(stored) or userid


def first_and_last(fullname: str, first: str = "", last: str = "") -> tuple[str, str]:
    """(first name, last name): those stored, else the full name split at its first space."""
    given, _, family = fullname.partition(" ")
    return one_line(first) or given, one_line(last) or family


def joined(first: str, last: str) -> str:
    """The full name a new account is stored with: « Prénom Nom »."""
    return " ".join(part for part in (first, last) if part)


def collation(text: str) -> str:
    """``text`` as a French reader orders it: accents and case ignored (« Étienne » ~ « etienne »)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sort_key(last: str, first: str = "") -> tuple:
    """Order people the French way: by last name then first name, ignoring accents and case.

    Ties (names that differ only by accents or case) are broken by the raw strings,
    so that the order is always the same.
    """
    return (collation(last), collation(first), last or "", first or "")
