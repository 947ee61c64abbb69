"""What agents and officials meet in the browser: edit form, sharing page, refusals."""

from world import browser_as
from world import userid

import pytest
import re


@pytest.fixture
def urls(world_of):
    """The world's addresses, taken before any request closes the test's connection."""
    world = world_of
    return {
        "town": world.town_a.absolute_url(),
        "draft": world.seances["draft"].absolute_url(),
        "notified": world.seances["notified"].absolute_url(),
        "others_convocation": world.convocations[("notified", "official2")].absolute_url(),
    }


def browser_for(functional, persona):
    return browser_as(functional["app"], userid(persona))


def widgets(html):
    return set(re.findall(r'name="form\.widgets\.(\w+)', html))


def test_agent_edits_date_and_place_of_a_draft_only(urls, functional):
    browser = browser_for(functional, "agent")
    browser.open(urls["draft"] + "/edit")
    assert {"start", "end", "location", "convocation_file", "synthesis_file"} <= widgets(
        browser.contents
    )

    browser.open(urls["notified"] + "/edit")
    shown = widgets(browser.contents)
    assert "synthesis_file" in shown  # documents stay editable
    assert not {"start", "end", "location", "convocation_file"} & shown


def test_sharing_page_in_french_offers_the_agent_role_to_the_collectivity_admin(urls, functional):
    browser = browser_for(functional, "admin")
    browser.open(urls["town"] + "/@@sharing")
    assert "Gestionnaire de séances" in browser.contents
    # Only a site administrator hands out the administrator role; the system, the recipients' roles.
    assert "Administrateur de la collectivité" not in browser.contents
    assert "Élu convoqué" not in browser.contents


def refused(browser, url):
    """Plone's answer to a logged-in user without access: the « Privilèges insuffisants » page."""
    browser.handleErrors = True
    browser.open(url)
    return (
        browser.url.endswith("/insufficient-privileges")
        and "Privilèges insuffisants" in browser.contents
    )


def test_pages_open_to_the_right_people_only(urls, functional):
    assert refused(browser_for(functional, "other_agent"), urls["notified"])
    official = browser_for(functional, "official")
    official.open(urls["notified"])
    assert "Séance notified" in official.contents
    assert refused(official, urls["others_convocation"])
    assert refused(official, urls["draft"])
