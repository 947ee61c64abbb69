"""The official's personal calendar feed (webcal): its secret token and its iCalendar, free of Plone.

The token is the feed's only credential: only its SHA-256 is stored, so that
whoever reads the database cannot subscribe in the official's place.
"""

from collective.convocation.core.legal import PARIS
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from icalendar import Event
from icalendar import vDuration

import hashlib
import re
import secrets


PRODID = "-//collective.convocation//Agenda personnel des élus//FR"
# secrets.token_urlsafe(32): 43 characters of the URL-safe base64 alphabet.
FEED_NAME = re.compile(r"(?P<token>[A-Za-z0-9_-]{43})\.ics")
# How often calendars should come back (they mostly decide themselves).
REFRESH = timedelta(hours=1)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def token_of(name: str) -> str | None:
    """The token of a feed's file name ``<token>.ics``; None for any other name."""
    matched = FEED_NAME.fullmatch(name or "")
    return matched["token"] if matched else None


def feed_url(portal_url: str, token: str) -> str:
    return f"{portal_url}/@@calendrier/{token}.ics"


def webcal(url: str) -> str:
    """The same feed for calendar apps: webcal:// subscribes where https:// would download."""
    return re.sub(r"^https?://", "webcal://", url)


def fingerprint(start: datetime | None, end: datetime | None, location: str | None) -> tuple:
    """What a calendar shows of a séance, comparable whatever zone the dates carry.

    A naive date is the portal's local time (Europe/Paris), as a form gives it.
    """

    def instant(value):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=PARIS)
        return value.astimezone(UTC).isoformat()

    return (instant(start), instant(end), (location or "").strip())


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime | None
    summary: str
    location: str
    url: str
    cancelled: bool = False


def feed_ics(events, name: str, stamp: datetime | None = None) -> bytes:
    """The feed: one VEVENT per séance, in UTC; a cancelled séance stays, STATUS:CANCELLED.

    No METHOD: a subscribed calendar is published, not an invitation.
    ``sequence`` rises with each change, so calendars replace the event.
    """
    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start.astimezone(UTC))
        event.add("dtend", (item.end or item.start).astimezone(UTC))
        event.add("summary", item.summary)
        if item.location:
            event.add("location", item.location)
        event.add("url", item.url)
        event.add("description", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if item.cancelled else "OPAQUE")
        calendar.add_component(event)
    return calendar.to_ical()
