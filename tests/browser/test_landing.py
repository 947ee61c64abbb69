"""Where one lands after logging in (issue 11): agents on their collectivity's home, officials on
« Mes convocations »; REST @login is unchanged."""

from clients import rest_login
from collective.convocation.browser.landing import ToMyConvocations
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
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


def form_login(portal_url, persona, form="login"):
    """The login form as a browser posts it; the page it lands on."""
    session = requests.Session()
    page = session.get(f"{portal_url}/{form}", timeout=60)
    button = re.search(
        r'name="([^"]*login[^"]*)"[^>]*type="submit"|type="submit"[^>]*name="([^"]*)"', page.text
    )
    fields = {"__ac_name": userid(persona), "__ac_password": PASSWORD, "came_from": ""}
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
