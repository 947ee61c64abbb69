"""Officials' and agents' logins, free of Plone: firstname.lastname@suffix."""

import re
import unicodedata


def _ascii_slug(name: str) -> str:
    """'Hélène-Marie d'Arc' → 'helene-marie-darc'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    plain = re.sub(r"['’]", "", plain)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def login_for(first_name: str, last_name: str, suffix: str, taken=frozenset()) -> str:
    """The first of firstname.lastname@suffix, firstname.lastname2@suffix... not in ``taken``."""
    stem = f"{_ascii_slug(first_name)}.{_ascii_slug(last_name)}"
    login = f"{stem}@{suffix}"
    number = 2
    while login in taken:
        login = f"{stem}{number}@{suffix}"
        number += 1
    return login
