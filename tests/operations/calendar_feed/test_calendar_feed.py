"""The official's personal calendar feed: what a calendar client reads there, how it follows changes, who can revoke it."""

from clients import rest
from collective.convocation.content.seance import ISeance
from collective.convocation.core.calendar_feed import token_hash
from collective.convocation.operations import calendar_feed
from datetime import datetime
from datetime import timedelta
from icalendar import Calendar
from plone import api
from plone.dexterity.utils import createContentInContainer
from world import add_seance
from world import add_town
from world import PASSWORD
from world import userid
from zoneinfo import ZoneInfo
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import re
import requests
import transaction


PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def portal_url(functional):
    return functional["portal"].absolute_url()


def link_for(persona):
    """A new link for ``persona``, committed: its token."""
    with api.env.adopt_roles(["Manager"]):
        token = calendar_feed.create(userid(persona))
    transaction.commit()
    return token


def fetch(portal_url, token):
    """The feed as a calendar client asks for it: no login, no cookie."""
    return requests.get(f"{portal_url}/@@calendrier/{token}.ics", timeout=60)


def events(response):
    assert response.status_code == 200, response.text[:300]
    return {
        str(event["UID"]).split("@")[0]: event
        for event in Calendar.from_ical(response.content).walk("VEVENT")
    }


@pytest.fixture
def elsewhere(functional, world_of):
    """In another town: a séance the official is convoked to, and one only Oscar is."""
    with api.env.adopt_roles(["Manager"]):
        council_b = add_town(functional["portal"])
        bureau_b = createContentInContainer(
            council_b.aq_parent, "Assembly", id="bureau", title="Bureau municipal"
        )
        for assembly, persona in ((council_b, "official"), (bureau_b, "official2")):
            createContentInContainer(
                assembly,
                "Mandate",
                official=userid(persona),
                function="Conseiller",
                start=datetime(2026, 3, 22).date(),
            )
        ours = add_seance(council_b, 10, title="Séance à Ville-sur-Test")
        theirs = add_seance(bureau_b, 11, title="Bureau sans Odile")
        for seance in (ours, theirs):
            api.content.transition(obj=seance, transition="notify")
    transaction.commit()
    return ours, theirs


def test_a_calendar_client_sees_his_séances_across_collectivities_and_no_one_elses(
    portal_url, world_of, elsewhere
):
    ours, theirs = elsewhere
    response = fetch(portal_url, link_for("official"))
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "private, max-age=900"
    found = events(response)
    seances = world_of.seances
    assert set(found) == {
        seances[state].UID() for state in ("notified", "archived", "cancelled")
    } | {ours.UID()}
    assert theirs.UID() not in found
    notified = found[seances["notified"].UID()]
    assert str(notified["SUMMARY"]) == "Conseil municipal — Ville A"
    assert str(notified["LOCATION"]) == "Salle du conseil"
    assert notified["STATUS"] == "CONFIRMED"
    assert notified.decoded("DTSTART") == seances["notified"].start
    assert notified.decoded("DTEND") == seances["notified"].end
    # the link leads to his convocation
    assert str(notified["URL"]) == world_of.convocations[("notified", "official")].absolute_url()
    assert str(found[ours.UID()]["SUMMARY"]) == "Conseil municipal — Ville-sur-Test"
    # the already cancelled séance stays, marked
    cancelled = found[seances["cancelled"].UID()]
    assert cancelled["STATUS"] == "CANCELLED"
    assert str(cancelled["SUMMARY"]).startswith("Annulée : ")
    # and Oscar's feed has the séance Odile's has not
    assert theirs.UID() in events(fetch(portal_url, link_for("official2")))


def test_a_cancellation_reaches_the_feed_with_a_higher_sequence(portal_url, world_of):
    token = link_for("official")
    seance = world_of.seances["notified"]
    before = events(fetch(portal_url, token))[seance.UID()]
    assert before["STATUS"] == "CONFIRMED"
    response = rest(
        "POST",
        "agent",
        seance.absolute_url() + "/@workflow/cancel",
        json={"comment": "Salle indisponible"},
    )
    assert response.status_code == 200, response.text
    after = events(fetch(portal_url, token))[seance.UID()]
    assert after["STATUS"] == "CANCELLED"
    assert after["SEQUENCE"] > before["SEQUENCE"]


def changed(seance, **fields):
    """The séance's fields changed as an edit does it: the modified event follows.

    Once sent, no agent may move a séance (the workflow freezes its schedule):
    only code does, and the feed must follow all the same.
    """
    with api.env.adopt_roles(["Manager"]):
        for name, value in fields.items():
            setattr(seance, name, value)
        notify(ObjectModifiedEvent(seance, Attributes(ISeance, *fields)))
        seance.reindexObject()
    transaction.commit()


def test_a_new_date_or_place_raises_the_sequence_and_a_new_description_does_not(
    portal_url, world_of
):
    token = link_for("official")
    seance = world_of.seances["notified"]
    first = events(fetch(portal_url, token))[seance.UID()]

    later = (seance.start + timedelta(days=1)).astimezone(PARIS)
    changed(seance, start=later, end=later + timedelta(hours=2))
    moved = events(fetch(portal_url, token))[seance.UID()]
    assert moved.decoded("DTSTART") == later
    assert moved["SEQUENCE"] > first["SEQUENCE"]

    changed(seance, location="Salle des fêtes")
    elsewhere = events(fetch(portal_url, token))[seance.UID()]
    assert str(elsewhere["LOCATION"]) == "Salle des fêtes"
    assert elsewhere["SEQUENCE"] > moved["SEQUENCE"]

    response = rest("PATCH", "agent", seance.absolute_url(), json={"description": "Complété."})
    assert response.status_code == 204, response.text
    assert events(fetch(portal_url, token))[seance.UID()]["SEQUENCE"] == elsewhere["SEQUENCE"]


def test_a_revoked_token_and_an_unknown_one_get_404(portal_url, world_of):
    token = link_for("official")
    assert fetch(portal_url, token).status_code == 200
    renewed = link_for("official")  # a new link revokes the former
    assert fetch(portal_url, token).status_code == 404
    assert fetch(portal_url, renewed).status_code == 200
    with api.env.adopt_roles(["Manager"]):
        assert calendar_feed.revoke(userid("official"))
    transaction.commit()
    assert fetch(portal_url, renewed).status_code == 404
    assert fetch(portal_url, "A" * 43).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "@@calendrier",
        "@@calendrier/",
        "@@calendrier/abc.ics",
        "@@calendrier/{token}",
        "@@calendrier/{token}.ics/view",
        "@@calendrier/{token}.ics/@@mes-convocations",
        "@@calendrier/{token}.ics.ics",
    ],
)
def test_the_token_gives_the_feed_and_nothing_else(portal_url, world_of, path):
    token = link_for("official")
    response = requests.get(
        f"{portal_url}/{path.format(token=token)}", timeout=60, allow_redirects=False
    )
    assert response.status_code == 404
    assert "BEGIN:VCALENDAR" not in response.text


def test_the_token_is_never_stored_in_clear(functional, world_of):
    token = link_for("official")
    store = IAnnotations(functional["portal"])[calendar_feed.ANNOTATION_KEY]
    assert dict(store["by_hash"]) == {token_hash(token): userid("official")}
    entry = store["by_user"][userid("official")]
    assert entry["hash"] == token_hash(token)
    stored = repr(dict(store["by_hash"])) + repr(dict(entry)) + repr(dict(store["by_user"]))
    assert token not in stored


def test_only_he_revokes_his_link(portal_url, world_of):
    token = link_for("official")
    # Anonymous: neither the page's form nor REST.
    response = requests.post(
        f"{portal_url}/@@mon-agenda", data={"action": "revoke"}, timeout=60, allow_redirects=False
    )
    assert response.status_code in (302, 401, 403)
    response = requests.delete(
        f"{portal_url}/@calendar-feed", headers={"Accept": "application/json"}, timeout=60
    )
    assert response.status_code == 401
    # Another official revokes only his own: nothing names the user but the login.
    response = rest("DELETE", "official2", f"{portal_url}/@calendar-feed")
    assert response.status_code == 204
    # The page's form wants Plone's CSRF token.
    response = requests.post(
        f"{portal_url}/@@mon-agenda",
        data={"action": "revoke"},
        auth=(userid("official2"), PASSWORD),
        timeout=60,
        allow_redirects=False,
    )
    assert response.status_code == 403
    assert fetch(portal_url, token).status_code == 200


def test_rest_makes_says_and_revokes_the_link(portal_url, world_of):
    endpoint = f"{portal_url}/@calendar-feed"
    assert rest("GET", "official", endpoint).json()["active"] is False
    made = rest("POST", "official", endpoint)
    assert made.status_code == 201, made.text
    links = made.json()
    assert links["url"].startswith(f"{portal_url}/@@calendrier/") and links["url"].endswith(".ics")
    assert links["webcal"] == "webcal://" + links["url"].split("://", 1)[1]
    assert requests.get(links["url"], timeout=60).status_code == 200
    said = rest("GET", "official", endpoint).json()
    assert said["active"] is True and said["url"] is None  # kept hashed: shown once
    assert rest("DELETE", "official", endpoint).status_code == 204
    assert requests.get(links["url"], timeout=60).status_code == 404
    assert rest("GET", "official", endpoint).json()["active"] is False
    # the agent, convoked to nothing, has no feed to make
    assert rest("POST", "agent", endpoint).status_code == 403


def test_the_feed_of_a_removed_account_is_gone(portal_url, world_of):
    token = link_for("official2")
    assert fetch(portal_url, token).status_code == 200
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username=userid("official2"))
    transaction.commit()
    assert fetch(portal_url, token).status_code == 404


def test_the_page_makes_the_link_and_shows_it_once_uncached(portal_url, world_of):
    session = requests.Session()
    session.auth = (userid("official"), PASSWORD)
    page = session.get(f"{portal_url}/@@mes-convocations", timeout=60).text
    assert "Créer mon lien" in page
    authenticator = re.search(r'name="_authenticator" value="([^"]+)"', page)[1]
    made = session.post(
        f"{portal_url}/@@mon-agenda",
        data={"action": "create", "_authenticator": authenticator},
        timeout=60,
    )
    assert made.status_code == 200
    assert made.headers["Cache-Control"] == "no-store"
    url = re.search(r'id="calendar-feed-url"[^>]*value="([^"]+)"', made.text)
    url = url[1] if url else re.search(r'value="([^"]+)"[^>]*id="calendar-feed-url"', made.text)[1]
    assert fetch(portal_url, url.rsplit("/", 1)[1].removesuffix(".ics")).status_code == 200
    assert "<svg" in made.text and "QR code de cette adresse" in made.text
    again = session.get(f"{portal_url}/@@mes-convocations", timeout=60).text
    assert "Vous avez créé votre lien d'agenda le " in again
    assert url not in again


def test_someone_convoked_to_nothing_has_no_calendar_section_nor_link(portal_url, world_of):
    session = requests.Session()
    session.auth = (userid("agent"), PASSWORD)
    page = session.get(f"{portal_url}/@@mes-convocations", timeout=60).text
    assert "Mes convocations" in page and "Mon agenda" not in page
    authenticator = re.search(r'name="_authenticator" value="([^"]+)"', page)[1]
    refused = session.post(
        f"{portal_url}/@@mon-agenda",
        data={"action": "create", "_authenticator": authenticator},
        timeout=60,
        allow_redirects=False,
    )
    assert refused.status_code in (302, 401, 403)
    assert calendar_feed.link_of(userid("agent")) is None
