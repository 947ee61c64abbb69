"""The public agenda as an anonymous client reads it: page, ICS, RSS, JSON, documents; publishing by hand."""

from clients import agent_call
from clients import rest
from collective.convocation.content.convocation import recipient_id
from collective.convocation.setuphandlers.demo import pdf_file
from icalendar import Calendar
from plone import api
from plone.dexterity.utils import createContentInContainer
from pypdf import PdfReader
from world import PASSWORD
from world import userid
from xml.etree import ElementTree

import io
import pytest
import requests
import transaction


JSON = {"Accept": "application/json"}

# What no anonymous answer may hold: private item, private documents, convocations, recipients, the draft.
PRIVATE = (
    "Acquisition amiable du terrain Dupont",  # a non-public item's title
    "rapport-dupont.pdf",  # its report, marked public all the same
    "annexe-dupont.pdf",  # its annex, marked public all the same
    "Note confidentielle",  # a private annex of a public item
    "note-confidentielle.pdf",
    "rapport.pdf",  # the séance's own File, not marked public
    "convocation.pdf",  # the convocation PDF
    "convocation-official-ville-a",  # a convocation's id
    "Odile Officielle",  # a recipient
    "Ivan Invité",  # an invitee
    "official@ville-a",
    "Séance draft",  # the draft séance
    "Point du brouillon",
    "Quorum",
)


def _file(container, title, filename, public):
    return createContentInContainer(
        container, "File", title=title, file=pdf_file(filename, title), public_document=public
    )


@pytest.fixture
def agenda(world_of):
    """The notified séance with public and private items and documents; the archived in closed session."""
    world = world_of
    seances = world.seances
    with api.env.adopt_roles(["Manager"]):
        budget = createContentInContainer(
            seances["notified"],
            "AgendaItem",
            number="1",
            title="Budget primitif 2031",
            theme="Finances",
            rapporteur=userid("official2"),
            main_file=pdf_file("rapport-budget.pdf", "Rapport sur le budget"),
            main_file_public=True,
        )
        plan = _file(budget, "Plan de financement", "plan-financement.pdf", True)
        secret_annex = _file(budget, "Note confidentielle", "note-confidentielle.pdf", False)
        dupont = createContentInContainer(
            seances["notified"],
            "AgendaItem",
            number="2",
            title="Acquisition amiable du terrain Dupont",
            public=False,
            main_file=pdf_file("rapport-dupont.pdf", "Dupont"),
            main_file_public=True,
        )
        dupont_annex = _file(dupont, "Plan cadastral", "annexe-dupont.pdf", True)
        poster = _file(seances["notified"], "Affiche de la séance", "affiche.pdf", True)
        seances["archived"].closed_session = True
        draft_item = createContentInContainer(
            seances["draft"],
            "AgendaItem",
            number="1",
            title="Point du brouillon",
            main_file=pdf_file("brouillon.pdf", "Brouillon"),
            main_file_public=True,
        )
    transaction.commit()
    return {
        "world": world,
        "url": world.town_a.absolute_url(),
        "budget": budget.UID(),
        "plan": plan.UID(),
        "poster": poster.UID(),
        "hidden": [
            secret_annex.UID(),
            dupont.UID(),
            dupont_annex.UID(),
            draft_item.UID(),
            seances["notified"]["rapport"].UID(),
            seances["notified"][recipient_id(userid("official"))].UID(),
            seances["draft"].UID(),
        ],
    }


def anonymous(url):
    return requests.get(url, timeout=60)


def no_private(text):
    leaked = [word for word in PRIVATE if word in text]
    assert not leaked, leaked


def test_the_page_shows_the_public_agenda_to_anonymous(agenda):
    response = anonymous(f"{agenda['url']}/@@agenda-public")
    assert response.status_code == 200
    page = " ".join(response.text.split())
    assert "Agenda des séances — Ville A" in page
    for seen in (
        "Conseil municipal — Séance notified",
        "dimanche 2 juin 2030 à 18h30",
        "Salle du conseil",
        "Séance publique",
        "Huis clos",  # the archived séance
        "Séance cancelled",
        "Annulée",
        "1. Budget primitif 2031",
        "Rapporteur :",
        "Oscar Second",
        "Plan de financement",
        "Affiche de la séance",
        f"@@document-public/{agenda['plan']}",
        f"@@document-public/{agenda['budget']}",
    ):
        assert seen in page, seen
    no_private(page)
    assert not response.history  # served as it is: no detour by the login form


def test_the_json_is_public_and_holds_only_public_fields(agenda):
    response = requests.get(f"{agenda['url']}/@public-agenda", headers=JSON, timeout=60)
    assert response.status_code == 200, response.text
    data = response.json()
    no_private(response.text)
    assert data["collectivity"] == "Ville A"
    upcoming = {seance["title"]: seance for seance in data["upcoming"]}
    assert set(upcoming) == {"Séance notified", "Séance cancelled"}
    notified = upcoming["Séance notified"]
    assert set(notified) == {
        "id",
        "title",
        "assembly",
        "start",
        "end",
        "when",
        "location",
        "public_session",
        "session",
        "cancelled",
        "status",
        "published_at",
        "url",
        "items",
        "documents",
    }
    assert notified["assembly"] == "Conseil municipal"
    assert notified["start"] == "2030-06-02T18:30:00+02:00"
    assert notified["session"] == "Séance publique" and notified["public_session"] is True
    assert notified["items"] == [
        {
            "number": "1",
            "title": "Budget primitif 2031",
            "theme": "Finances",
            "rapporteurs": ["Oscar Second"],
            "documents": [
                {
                    "title": "Rapport",
                    "filename": "rapport-budget.pdf",
                    "url": f"{agenda['url']}/@@document-public/{agenda['budget']}",
                },
                {
                    "title": "Plan de financement",
                    "filename": "plan-financement.pdf",
                    "url": f"{agenda['url']}/@@document-public/{agenda['plan']}",
                },
            ],
        }
    ]
    assert [document["filename"] for document in notified["documents"]] == ["affiche.pdf"]
    assert upcoming["Séance cancelled"]["cancelled"] is True
    assert upcoming["Séance cancelled"]["status"] == "Annulée"
    (archived,) = data["recent"]
    assert archived["title"] == "Séance archived"
    assert archived["session"] == "Huis clos" and archived["public_session"] is False


def test_the_ics_has_one_event_per_public_seance(agenda):
    response = anonymous(f"{agenda['url']}/@@agenda.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    no_private(response.content.decode("utf-8"))
    calendar = Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        "Conseil municipal — Séance notified",
        "Conseil municipal — Séance cancelled (Annulée)",
        "Conseil municipal — Séance archived",
    }
    notified = events["Conseil municipal — Séance notified"]
    uid = agenda["world"].seances["notified"].UID()
    assert str(notified["UID"]) == f"public-{uid}@collective.convocation"
    assert str(notified["STATUS"]) == "CONFIRMED"
    assert str(notified["LOCATION"]) == "Salle du conseil"
    start = notified.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (18, 30, "Europe/Paris")
    assert "1. Budget primitif 2031 (rapporteur : Oscar Second)" in str(notified["DESCRIPTION"])
    assert str(events["Conseil municipal — Séance cancelled (Annulée)"]["STATUS"]) == "CANCELLED"
    assert "Huis clos" in str(events["Conseil municipal — Séance archived"]["DESCRIPTION"])
    # The same UID on the next read: a subscribed calendar updates, never duplicates.
    again = Calendar.from_ical(anonymous(f"{agenda['url']}/@@agenda.ics").content)
    assert str(notified["UID"]) in {str(event["UID"]) for event in again.walk("VEVENT")}


def test_the_rss_is_a_feed_of_the_same_seances(agenda):
    response = anonymous(f"{agenda['url']}/@@agenda.rss")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/rss+xml")
    no_private(response.content.decode("utf-8"))
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Agenda des séances — Ville A"
    assert channel.findtext("link") == f"{agenda['url']}/@@agenda-public"
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert len(items) == 3
    notified = items["Conseil municipal — Séance notified, dimanche 2 juin 2030 à 18h30"]
    assert "1. Budget primitif 2031 (rapporteur : Oscar Second)" in notified.findtext("description")
    assert notified.find("guid").get("isPermaLink") == "false"
    assert notified.findtext("pubDate")
    assert any("(Annulée)" in title for title in items)


def test_a_public_document_downloads_and_nothing_else_does(agenda):
    url = f"{agenda['url']}/@@document-public"
    for uid, title in ((agenda["plan"], "Plan de financement"), (agenda["budget"], "budget")):
        response = anonymous(f"{url}/{uid}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert title in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    for uid in [*agenda["hidden"], "", "unknown", agenda["plan"] + "/more"]:
        assert anonymous(f"{url}/{uid}").status_code == 404, uid
    # Another collectivity's page serves none of Ville A's documents.
    other = agenda["world"].town_b.absolute_url()
    assert anonymous(f"{other}/@@document-public/{agenda['plan']}").status_code == 404


def test_an_agenda_kept_for_later_is_listed_once_published(agenda):
    world = agenda["world"]
    seance = world.seances["notified"]
    seance.agenda_publication = "by_hand"
    transaction.commit()
    listed = requests.get(f"{agenda['url']}/@public-agenda", headers=JSON, timeout=60).json()
    assert "Séance notified" not in [seance["title"] for seance in listed["upcoming"]]
    assert anonymous(f"{agenda['url']}/@@document-public/{agenda['plan']}").status_code == 404
    assert "Budget primitif 2031" not in anonymous(f"{agenda['url']}/@@agenda-public").text

    # Neither an official, nor another collectivity's agent, nor anonymous may publish it.
    publish = f"{seance.absolute_url()}/@publish-agenda"
    assert rest("POST", "official", publish).status_code == 401
    assert rest("POST", "other_agent", publish).status_code == 401
    assert requests.post(publish, headers=JSON, timeout=60).status_code == 401
    form = requests.post(
        f"{seance.absolute_url()}/@@publier-ordre-du-jour",
        data={"form.buttons.publish": "1"},
        auth=(userid("official"), PASSWORD),
        allow_redirects=False,
        timeout=60,
    )
    assert form.status_code == 302 and "require_login" in form.headers["Location"]
    listed = requests.get(f"{agenda['url']}/@public-agenda", headers=JSON, timeout=60).json()
    assert "Séance notified" not in [seance["title"] for seance in listed["upcoming"]]

    response = agent_call("POST", publish)
    assert response.status_code == 200, response.text
    assert response.json()["published_at"].startswith("20")
    listed = requests.get(f"{agenda['url']}/@public-agenda", headers=JSON, timeout=60).json()
    assert "Séance notified" in [seance["title"] for seance in listed["upcoming"]]
    assert anonymous(f"{agenda['url']}/@@document-public/{agenda['plan']}").status_code == 200

    # Twice is refused, in French.
    again = agent_call("POST", publish)
    assert again.status_code == 400
    assert again.json()["error"]["message"] == "L'ordre du jour est déjà publié."
    journal = rest("GET", "agent", f"{seance.absolute_url()}/@journal").json()
    assert journal["items"][-1]["kind"] == "agenda-published"
    assert journal["items"][-1]["actor"] == userid("agent")
    assert journal["verification"]["valid"] is True


def test_a_draft_cannot_be_published(agenda):
    draft = agenda["world"].seances["draft"]
    draft.agenda_publication = "by_hand"
    transaction.commit()
    response = agent_call("POST", f"{draft.absolute_url()}/@publish-agenda")
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith("Envoyez d'abord les convocations")


def test_a_cross_site_publication_on_the_login_cookie_is_refused(agenda, functional):
    """A page of another site cannot make the agent's browser publish an agenda."""
    seance = agenda["world"].seances["notified"]
    seance.agenda_publication = "by_hand"
    transaction.commit()
    portal_url = functional["portal"].absolute_url()
    browser = requests.Session()
    browser.post(
        f"{portal_url}/login",
        data={
            "__ac_name": userid("agent"),
            "__ac_password": PASSWORD,
            "came_from": "",
            "buttons.login": "Se connecter",
        },
        timeout=60,
    )
    assert "__ac" in browser.cookies
    response = browser.post(
        f"{seance.absolute_url()}/@publish-agenda",
        data="{}",
        headers={
            "Accept": "application/json",
            "Content-Type": "text/plain",
            "Origin": "https://evil.example",
        },
        timeout=60,
    )
    assert response.status_code == 403
    assert "vient d'un autre site" in response.json()["message"]
    transaction.begin()
    assert seance.agenda_published_at is None
