"""The personal calendar feed, free of Plone: its token and its iCalendar, read back by a calendar client."""

from collective.convocation.core.calendar_feed import feed_ics
from collective.convocation.core.calendar_feed import feed_url
from collective.convocation.core.calendar_feed import FeedEvent
from collective.convocation.core.calendar_feed import fingerprint
from collective.convocation.core.calendar_feed import new_token
from collective.convocation.core.calendar_feed import token_hash
from collective.convocation.core.calendar_feed import token_of
from collective.convocation.core.calendar_feed import webcal
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from zoneinfo import ZoneInfo

import pytest


PARIS = ZoneInfo("Europe/Paris")


def test_a_token_is_43_url_safe_characters_and_never_the_same():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(token_of(f"{token}.ics") == token for token in tokens)


def test_the_stored_hash_is_sha256_and_not_the_token():
    token = new_token()
    hashed = token_hash(token)
    assert len(hashed) == 64 and token not in hashed
    assert hashed == token_hash(token)


@pytest.mark.parametrize(
    "name",
    ["", "abc.ics", "x" * 43, "x" * 43 + ".ics.ics", "x" * 42 + "!.ics", "../" + "x" * 40 + ".ics"],
)
def test_only_a_token_dot_ics_names_a_feed(name):
    assert token_of(name) is None


def test_the_feed_url_and_its_webcal_twin():
    url = feed_url("https://convocations.example.fr/Plone", "T" * 43)
    assert url == "https://convocations.example.fr/Plone/@@calendrier/" + "T" * 43 + ".ics"
    assert webcal(url) == "webcal://convocations.example.fr/Plone/@@calendrier/" + "T" * 43 + ".ics"
    assert webcal("http://localhost:8080/Plone/x.ics") == "webcal://localhost:8080/Plone/x.ics"


def event(**changes):
    start = datetime(2030, 3, 30, 18, 30, tzinfo=PARIS)  # the eve of the spring DST change
    values = {
        "uid": "abc@convocations.example.fr",
        "sequence": 0,
        "start": start,
        "end": start + timedelta(hours=2),
        "summary": "Conseil municipal — Ville A",
        "location": "Salle du conseil",
        "url": "https://convocations.example.fr/Plone/ville-a/conseil/s/c",
    }
    return FeedEvent(**(values | changes))


def test_a_calendar_client_reads_each_séance_in_utc():
    body = feed_ics([event(), event(uid="def@x", summary="Bureau — Ville B")], "Mes séances")
    calendar = Calendar.from_ical(body)
    assert calendar["X-WR-CALNAME"] == "Mes séances"
    assert "METHOD" not in calendar  # a published calendar, not an invitation
    events = calendar.walk("VEVENT")
    assert [e["SUMMARY"] for e in events] == ["Conseil municipal — Ville A", "Bureau — Ville B"]
    first = events[0]
    assert first["UID"] == "abc@convocations.example.fr"
    assert first["STATUS"] == "CONFIRMED" and first["SEQUENCE"] == 0
    assert first.decoded("DTSTART") == datetime(2030, 3, 30, 17, 30, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime(2030, 3, 30, 19, 30, tzinfo=UTC)
    assert first["LOCATION"] == "Salle du conseil"
    assert first["URL"] == "https://convocations.example.fr/Plone/ville-a/conseil/s/c"


def test_a_cancelled_séance_stays_cancelled_with_its_sequence():
    body = feed_ics([event(cancelled=True, sequence=3)], "Mes séances")
    (cancelled,) = Calendar.from_ical(body).walk("VEVENT")
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] == 3
    assert cancelled["TRANSP"] == "TRANSPARENT"  # no longer blocks his day


def test_a_séance_without_end_or_place():
    body = feed_ics([event(end=None, location="")], "Mes séances")
    (only,) = Calendar.from_ical(body).walk("VEVENT")
    assert only.decoded("DTEND") == only.decoded("DTSTART")
    assert "LOCATION" not in only


def test_an_empty_feed_is_still_a_calendar():
    assert Calendar.from_ical(feed_ics([], "Mes séances")).walk("VEVENT") == []


def test_the_fingerprint_sees_a_new_hour_or_place_but_not_a_new_zone():
    start = datetime(2030, 6, 1, 18, 30, tzinfo=PARIS)
    shown = fingerprint(start, None, "Salle")
    assert fingerprint(start.astimezone(UTC), None, "Salle ") == shown
    assert fingerprint(start.replace(tzinfo=None), None, "Salle") == shown  # a form's naive date
    assert fingerprint(start + timedelta(hours=1), None, "Salle") != shown
    assert fingerprint(start, None, "Mairie annexe") != shown
    assert fingerprint(start, start + timedelta(hours=2), "Salle") != shown


def test_calendars_are_asked_to_come_back_every_hour():
    calendar = Calendar.from_ical(feed_ics([], "Mes séances"))
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=1)
