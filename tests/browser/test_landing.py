"""Where one lands after logging in (issue 11): agents on their collectivity's home, officials on
« Mes convocations »; REST @login is unchanged."""

from clients import rest_login
from collective.convocation.browser.landing import ToMyConvocations
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from world import PASSWORD
from world import userid

import pytest
import re
import requests
import transaction


def landing(portal, persona, came_from=None):
    login(portal, userid(persona))
    return ToMyConvocations(portal, portal.REQUEST)(came_from=came_from)


def test_an_agent_lands_on_her_collectivity(world, portal):
    assert landing(portal, "agent") == world.town_a.absolute_url()
    assert landing(portal, "admin") == world.town_a.absolute_url()
    assert landing(portal, "other_agent") == world.town_b.absolute_url()


def test_an_agent_going_somewhere_goes_there(world, portal):
    seance = world.seances["draft"].absolute_url()
    assert landing(portal, "agent", came_from=seance) == seance
    assert landing(portal, "agent", came_from=f"{portal.absolute_url()}/login") == (
        world.town_a.absolute_url()
    )


def test_an_agent_of_several_lands_on_the_first_by_title(world, portal):
    api.user.grant_roles(
        username=userid("other_agent"), obj=world.town_a, roles=["ConvocationAgent"]
    )
    world.town_a.reindexObjectSecurity()  # as the sharing page does
    assert (
        landing(portal, "other_agent") == world.town_a.absolute_url()
    )  # « Ville A » < « Ville B »


def test_an_agent_who_is_also_convoked_lands_on_the_agents_home(world, portal):
    api.user.grant_roles(username=userid("official"), obj=world.town_b, roles=["ConvocationAgent"])
    world.town_b.reindexObjectSecurity()
    assert landing(portal, "official") == world.town_b.absolute_url()


def test_an_official_still_lands_on_her_convocations(world, portal):
    assert landing(portal, "official") == f"{portal.absolute_url()}/@@mes-convocations"


def test_a_site_manager_is_no_collectivity_agent(world, portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    assert ToMyConvocations(portal, portal.REQUEST)(came_from="") == ""


def form_login(portal_url, persona, form="login", came_from=""):
    """The login form as a browser posts it; the page it lands on."""
    session = requests.Session()
    page = session.get(f"{portal_url}/{form}", timeout=60)
    button = re.search(
        r'name="([^"]*login[^"]*)"[^>]*type="submit"|type="submit"[^>]*name="([^"]*)"', page.text
    )
    fields = {"__ac_name": userid(persona), "__ac_password": PASSWORD, "came_from": came_from}
    fields[button.group(1) or button.group(2)] = "Se connecter"
    return session.post(page.url, data=fields, timeout=60)


@pytest.fixture
def site(functional, world_of):
    transaction.commit()
    return functional["portal"].absolute_url()


@pytest.mark.parametrize("form", ["login", "login_form"])
def test_every_login_form_lands_the_agent_on_her_home(site, world_of, form):
    landed = form_login(site, "agent", form)
    assert landed.url.rstrip("/") == world_of.town_a.absolute_url()
    assert "Prochaines séances" in landed.text


@pytest.mark.parametrize("form", ["login", "login_form"])
def test_every_login_form_lands_the_official_on_her_convocations(site, form):
    landed = form_login(site, "official", form)
    assert landed.url.endswith("/@@mes-convocations")


def test_rest_login_is_unchanged(site):
    accepted, response = rest_login(site, userid("agent"), PASSWORD)
    assert accepted
    assert set(response.json()) == {"token"}


# The login pop-up reloads the page it was opened on: the portal's front page sends on (issue 11).


def front_page(site, persona=None, path=""):
    return requests.get(
        site + path, auth=persona and (userid(persona), PASSWORD), allow_redirects=False, timeout=60
    )


def test_the_front_page_sends_the_official_and_the_agent_where_login_does(site, world_of):
    assert front_page(site, "official").headers["Location"] == f"{site}/@@mes-convocations"
    assert front_page(site, "agent", "/").headers["Location"] == world_of.town_a.absolute_url()


def test_the_front_page_stays_for_anonymous_managers_and_people_with_nothing_here(site, functional):
    setRoles(functional["portal"], TEST_USER_ID, ["Manager"])
    api.user.create(email="gerante@example.org", username="gerante", password=PASSWORD)
    api.user.grant_roles(username="gerante", roles=["Site Administrator"])
    transaction.commit()
    for shown in (
        requests.get(site, allow_redirects=False, timeout=60),
        requests.get(
            site, auth=(TEST_USER_NAME, TEST_USER_PASSWORD), allow_redirects=False, timeout=60
        ),
        requests.get(site, auth=("gerante", PASSWORD), allow_redirects=False, timeout=60),
        front_page(site, "colleague"),
    ):
        assert shown.status_code == 200
        assert "Se connecter" in shown.text or "Se déconnecter" in shown.text


def test_only_the_bare_front_page_sends_on(site):
    assert front_page(site, "official", "/view").status_code == 200
    assert front_page(site, "official", "/@@search").status_code == 200
    rest = requests.get(
        site,
        auth=(userid("official"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert rest.json()["@id"] == site


def test_a_hostile_came_from_still_lands_the_official_on_her_convocations(site):
    landed = form_login(site, "official", came_from="https://evil.example/")
    assert landed.url == f"{site}/@@mes-convocations"


def test_a_page_the_agent_was_heading_to_still_wins(site, world_of):
    seance = world_of.seances["draft"].absolute_url()
    assert form_login(site, "agent", came_from=seance).url == seance
