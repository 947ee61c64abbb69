"""The mail's link to « Mes convocations » naming one convocation, free of Plone.

The convocation is named in the query, not in a fragment: a fragment never
reaches the server, and so would not survive the login form.
"""

from urllib.parse import parse_qs
from urllib.parse import urlsplit

import re


PAGE = "@@mes-convocations"
PARAMETER = "convocation"
# Plone's UIDs: uuid4().hex.
UID = re.compile(r"[0-9a-f]{32}")


def page_url(portal_url: str) -> str:
    return f"{portal_url}/{PAGE}"


def named_uid(value) -> str | None:
    """The UID a ``?convocation=`` value names; anything else (a list, a path, a URL…) is None."""
    return value if isinstance(value, str) and UID.fullmatch(value) else None


def anchor(uid: str) -> str:
    """The id of the named convocation's card, the fragment that scrolls to it."""
    return f"convocation-{uid}"


def link(portal_url: str, uid: str) -> str:
    """« Mes convocations » naming the convocation ``uid``: the #urlmesconvocations# tag's value."""
    return f"{page_url(portal_url)}?{PARAMETER}={uid}"


def landing(portal_url: str, uid: str) -> str:
    """Where one lands on it: the link, scrolled to the convocation's card."""
    return f"{link(portal_url, uid)}#{anchor(uid)}"


def _is_page(parts, portal_url: str) -> bool:
    """``parts`` (a split URL) is this portal's « Mes convocations »: absolute, or its path alone
    (Plone's login keeps the page one was heading to as a path)."""
    portal = urlsplit(portal_url)
    if (parts.scheme or parts.netloc) and (parts.scheme, parts.netloc) != (
        portal.scheme,
        portal.netloc,
    ):
        return False
    return parts.path.rstrip("/") in {f"{portal.path}/{PAGE}", f"{portal.path}/{PAGE[2:]}"}


def named_in(url, portal_url: str) -> str | None:
    """The UID that ``url`` names when it is this portal's « Mes convocations » naming one, else None."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url)
    if not _is_page(parts, portal_url):
        return None
    values = parse_qs(parts.query).get(PARAMETER, [])
    return named_uid(values[0]) if len(values) == 1 else None


def is_my_convocations(url, portal_url: str) -> bool:
    """``url`` is this portal's « Mes convocations », nothing else: where a form may send one back."""
    return isinstance(url, str) and _is_page(urlsplit(url), portal_url)
