"""Template tags, ICS and message building, without Plone."""

from collective.convocation.core.mail.ics import seance_ics
from collective.convocation.core.mail.message import build_message
from collective.convocation.core.mail.message import text_to_html
from collective.convocation.core.mail.tags import render
from collective.convocation.core.mail.tags import unknown_tags
from datetime import datetime
from datetime import UTC
from email import message_from_bytes
from email import policy
from icalendar import Calendar
from zoneinfo import ZoneInfo

import pytest


PARIS = ZoneInfo("Europe/Paris")
IDELIBRE_TEMPLATE = (
    "#civilite# #prenom# #nom#,\n\nVous êtes convoqué(e) en qualité de #titre# à la séance "
    "#typeseance# du #dateseance# à #heureseance#, #lieuseance#.\n\n"
    "Documents : #urlseance#\nPrésence : #urlpresence# (#presence#, #mandataire#)\n"
    "Identifiant : #username# — #collectivite#"
)


def test_an_idelibre_template_has_no_unknown_tag():
    assert unknown_tags(IDELIBRE_TEMPLATE) == []


@pytest.mark.parametrize(
    "text,unknown",
    [
        ("#prenom# #prénom#", []),  # an accented "tag" is not a tag
        ("Bonjour #prenom# #nom_complet#", ["nom_complet"]),
        ("#date# #dateseance# #lieu#", ["date", "lieu"]),
        ("Point #1# et #2#", []),
        ("", []),
    ],
)
def test_unknown_tags(text, unknown):
    assert unknown_tags(text) == unknown


def test_render_folds_the_space_of_an_empty_tag():
    assert (
        render("#civilite# #prenom# #nom#,\nà #lieuseance#", {"prenom": "Zoé", "nom": "Mercier"})
        == "Zoé Mercier,\nà"
    )


def test_render_replaces_every_known_tag():
    text = render(
        "#civilite# #prenom# #nom#, #dateseance# à #heureseance# (#mandataire#) #inconnu#",
        {
            "civilite": "Mme",
            "prenom": "Hélène",
            "nom": "Marchand",
            "dateseance": "15 décembre 2026",
            "heureseance": "18h30",
        },
    )
    assert text == "Mme Hélène Marchand, 15 décembre 2026 à 18h30 () #inconnu#"


@pytest.mark.parametrize(
    "start,utc_hour",
    [
        (datetime(2026, 3, 28, 18, 30, tzinfo=PARIS), 17),  # the day before summer time
        (datetime(2026, 3, 29, 18, 30, tzinfo=PARIS), 16),  # the first day of summer time
        (datetime(2026, 10, 24, 18, 30, tzinfo=PARIS), 16),
        (datetime(2026, 10, 25, 18, 30, tzinfo=PARIS), 17),  # back to winter time
    ],
)
def test_ics_keeps_the_paris_hour_on_both_sides_of_dst(start, utc_hour):
    ics = seance_ics(
        uid="seance-123@saint-demo",
        sequence=2,
        start=start,
        end=None,
        summary="Conseil municipal",
        location="Salle du conseil",
        url="http://localhost:8080/Plone/s",
        organizer=("Mairie de Saint-Démo", "mairie@saint-demo.example"),
        attendee=("Hélène Marchand", "helene@saint-demo.example"),
    )
    calendar = Calendar.from_ical(ics)
    assert str(calendar["method"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == "seance-123@saint-demo"
    assert int(event["sequence"]) == 2
    dtstart = event.decoded("dtstart")
    assert (dtstart.hour, dtstart.minute) == (18, 30)
    assert dtstart.astimezone(UTC).hour == utc_hour
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert calendar.walk("VTIMEZONE")
    assert "Hélène Marchand" in ics.decode("utf-8")


def test_ics_cancel():
    ics = seance_ics(
        uid="u@x",
        sequence=3,
        start=datetime(2026, 12, 15, 18, 30, tzinfo=PARIS),
        end=None,
        summary="Conseil",
        location="Mairie",
        url="http://x",
        organizer=("Mairie", "m@x.example"),
        attendee=("Élu", "e@x.example"),
        cancelled=True,
    )
    calendar = Calendar.from_ical(ics)
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"


def test_message_is_multipart_utf8_with_its_attachments():
    message = build_message(
        sender=("Mairie de Saint-Démo", "convocations@saint-demo.example"),
        recipient=("Hélène Marchand", "helene@saint-demo.example"),
        subject="Convocation à la séance du 15 décembre — Conseil municipal",
        text="Madame la Maire,\n\nVoir http://localhost:8080/Plone/seance\nÀ bientôt.",
        reply_to="secretariat@saint-demo.example",
        calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        attachments=[("convocation.pdf", "application", "pdf", b"%PDF-1.7 fake")],
    )
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Subject"] == "Convocation à la séance du 15 décembre — Conseil municipal"
    assert parsed["From"].addresses[0].display_name == "Mairie de Saint-Démo"
    assert parsed["To"].addresses[0].display_name == "Hélène Marchand"
    assert parsed["Reply-To"] == "secretariat@saint-demo.example"
    assert parsed.get_body(("plain",)).get_content().startswith("Madame la Maire,")
    html = parsed.get_body(("html",)).get_content()
    assert '<a href="http://localhost:8080/Plone/seance">' in html
    assert "À bientôt." in html
    parts = {part.get_filename(): part for part in parsed.iter_attachments()}
    assert set(parts) == {"seance.ics", "convocation.pdf"}
    assert parts["seance.ics"].get_content_type() == "text/calendar"
    assert parts["seance.ics"].get_param("method") == "REQUEST"
    assert parts["convocation.pdf"].get_content() == b"%PDF-1.7 fake"


def test_text_to_html_escapes():
    assert "&lt;script&gt;" in text_to_html("<script>alert(1)</script>")
