"""The public agenda's selection and its renderings (JSON, ICS, RSS), without a site."""

from collective.convocation.core.public_agenda import agenda_ics
from collective.convocation.core.public_agenda import agenda_rss
from collective.convocation.core.public_agenda import item_line
from collective.convocation.core.public_agenda import PublicDocument
from collective.convocation.core.public_agenda import PublicItem
from collective.convocation.core.public_agenda import PublicSeance
from collective.convocation.core.public_agenda import seance_json
from collective.convocation.core.public_agenda import split
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from xml.etree import ElementTree
from zoneinfo import ZoneInfo


PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)


def seance(uid, start, **fields):
    values = {
        "uid": uid,
        "title": f"Séance {uid}",
        "assembly": "Conseil municipal",
        "start": start,
        "end": start + timedelta(hours=2),
        "location": "Salle du conseil",
        "closed_session": False,
        "cancelled": False,
        "published_at": start - timedelta(days=6),
        "sequence": 0,
        "url": f"https://ville.example/@@agenda-public#seance-{uid}",
        "items": (),
        "documents": (),
        **fields,
    }
    return PublicSeance(**values)


def test_upcoming_soonest_first_recent_latest_first_older_left_out():
    found = [
        seance("later", datetime(2030, 7, 1, 18, 30, tzinfo=PARIS)),
        seance("soon", datetime(2030, 6, 2, 18, 30, tzinfo=PARIS)),
        seance("last-week", datetime(2030, 5, 25, 18, 30, tzinfo=PARIS)),
        seance("march", datetime(2030, 3, 5, 18, 30, tzinfo=PARIS)),  # within 92 days
        seance("january", datetime(2030, 1, 15, 18, 30, tzinfo=PARIS)),
    ]
    upcoming, recent = split(found, NOW)
    assert [s.uid for s in upcoming] == ["soon", "later"]
    assert [s.uid for s in recent] == ["last-week", "march"]


def test_words_of_a_seance():
    closed = seance("a", datetime(2030, 6, 4, 18, 30, tzinfo=PARIS), closed_session=True)
    assert closed.when == "mardi 4 juin 2030 à 18h30"
    assert closed.session == "Huis clos"
    assert closed.heading == "Conseil municipal — Séance a"
    cancelled = seance("b", datetime(2030, 6, 4, 18, 30, tzinfo=PARIS), cancelled=True)
    assert cancelled.session == "Séance publique"
    assert cancelled.heading == "Conseil municipal — Séance b (Annulée)"
    assert seance_json(cancelled)["status"] == "Annulée"


def test_item_line_names_its_rapporteurs():
    assert item_line(PublicItem("2", "Budget", "", ("Paul Martin",), ())) == (
        "2. Budget (rapporteur : Paul Martin)"
    )
    assert item_line(PublicItem("2.1", "Tarifs", "", ("A", "B"), ())) == (
        "2.1. Tarifs (rapporteurs : A, B)"
    )
    assert item_line(PublicItem("3", "Divers", "", (), ())) == "3. Divers"


def test_ics_one_event_per_seance_cancelled_and_zoned():
    item = PublicItem("1", "Budget", "Finances", ("Paul Martin",), ())
    found = [
        seance("a", datetime(2030, 6, 4, 18, 30, tzinfo=PARIS), items=(item,), sequence=2),
        seance("b", datetime(2030, 12, 4, 18, 30, tzinfo=PARIS), cancelled=True),
    ]
    calendar = Calendar.from_ical(agenda_ics("Agenda des séances — Ville", found, NOW))
    assert str(calendar["X-WR-CALNAME"]) == "Agenda des séances — Ville"
    first, second = calendar.walk("VEVENT")
    assert str(first["UID"]) == "public-a@collective.convocation"
    assert first["SEQUENCE"] == 2
    assert str(first["STATUS"]) == "CONFIRMED" and str(second["STATUS"]) == "CANCELLED"
    assert first.decoded("DTSTART") == datetime(2030, 6, 4, 18, 30, tzinfo=PARIS)
    assert str(first.decoded("DTSTART").tzinfo) == "Europe/Paris"
    assert "1. Budget (rapporteur : Paul Martin)" in str(first["DESCRIPTION"])
    assert "Séance annulée." in str(second["DESCRIPTION"])
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert Calendar.from_ical(agenda_ics("Vide", [], NOW)).walk("VEVENT") == []


def test_rss_keeps_hostile_text_as_text():
    hostile = "<script>alert(1)</script> & « Budget »"
    document = PublicDocument("Plan", "plan.pdf", "https://ville.example/@@document-public/x")
    item = PublicItem("1", hostile, "", (), (document,))
    found = [seance("a", datetime(2030, 6, 4, 18, 30, tzinfo=PARIS), items=(item,))]
    body = agenda_rss("Agenda", "https://ville.example/@@agenda-public", "Les séances", found, NOW)
    assert b"<script>" not in body
    channel = ElementTree.fromstring(body).find("channel")
    assert channel.findtext("language") == "fr"
    (entry,) = channel.findall("item")
    assert entry.findtext("title") == "Conseil municipal — Séance a, mardi 4 juin 2030 à 18h30"
    assert f"1. {hostile}" in entry.findtext("description")
    assert entry.findtext("guid") == "public-a"
    assert entry.findtext("pubDate") == "Wed, 29 May 2030 18:30:00 +0200"
