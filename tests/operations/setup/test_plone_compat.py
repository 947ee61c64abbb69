"""Plone's own pages and endpoints keep working on a site where the add-on sent a séance.

The world's notified séance is sent; the official acknowledged it (so the
per-séance readers group exists) and answered (so her convocation has a history).
"""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


PERSONAS = {
    "manager": (SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
    "agent": (userid("agent"), PASSWORD),
    "official": (userid("official"), PASSWORD),
}


@pytest.fixture
def sent(world_of):
    world = world_of
    convocation = world.convocations[("notified", "official")]
    with api.env.adopt_user(userid("official")):
        acknowledge(convocation)
        answer(convocation, "present", None)
    transaction.commit()
    return world


def get(url, persona, accept="application/json"):
    return requests.get(url, auth=PERSONAS[persona], headers={"Accept": accept}, timeout=60)


def paths(world, portal):
    seance = world.seances["notified"]
    convocation = world.convocations[("notified", "official")]
    site = portal.absolute_url()
    return {
        "@users": (f"{site}/@users", "json"),
        "@users/<id>": (f"{site}/@users/{userid('official')}", "json"),
        "@groups": (f"{site}/@groups", "json"),
        "@search?fullobjects=1": (f"{site}/@search?fullobjects=1", "json"),
        "@navigation": (f"{seance.absolute_url()}/@navigation", "json"),
        "@breadcrumbs": (f"{seance.absolute_url()}/@breadcrumbs", "json"),
        "@types": (f"{seance.absolute_url()}/@types", "json"),
        "@workflow": (f"{seance.absolute_url()}/@workflow", "json"),
        "séance GET": (seance.absolute_url(), "json"),
        "convocation GET": (convocation.absolute_url(), "json"),
        "séance view": (seance.absolute_url(), "html"),
        "convocation view": (convocation.absolute_url(), "html"),
        "folder_contents": (f"{seance.absolute_url()}/folder_contents", "html"),
        "@@search": (f"{site}/@@search?SearchableText=S%C3%A9ance", "html"),
        "@@sharing": (f"{seance.absolute_url()}/@@sharing", "html"),
        "@@usergroup-userprefs": (f"{site}/@@usergroup-userprefs", "html"),
        "@@usergroup-usermembership": (
            f"{site}/@@usergroup-usermembership?userid={userid('official')}",
            "html",
        ),
        "@@usergroup-groupprefs": (f"{site}/@@usergroup-groupprefs", "html"),
    }


# What each persona may not open: Plone refuses it (401/403, or the login page), never a 500.
ADMIN_PAGES = {"@@usergroup-userprefs", "@@usergroup-usermembership", "@@usergroup-groupprefs"}
REFUSED = {
    "agent": {"@users", "@users/<id>", "@groups", *ADMIN_PAGES},
    "official": {
        "@users",
        "@groups",
        "@@sharing",
        *ADMIN_PAGES,
    },
}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_plone_pages_and_endpoints_answer(sent, functional, persona):
    answers = {}
    for name, (url, kind) in paths(sent, functional["portal"]).items():
        response = get(url, persona, "application/json" if kind == "json" else "text/html")
        refused = name in REFUSED.get(persona, ())
        answers[name] = response.status_code
        if refused:
            assert response.status_code in (401, 403) or any(
                page in response.url for page in ("login", "insufficient-privileges")
            ), name
        else:
            assert response.status_code == 200, (name, response.status_code)
    assert not [name for name, status in answers.items() if status >= 500]


def test_users_endpoint_and_sharing_page_know_the_receipt_group(sent, functional):
    seance = sent.seances["notified"]
    response = get(f"{functional['portal'].absolute_url()}/@users/{userid('official')}", "manager")
    group = f"convocation-received-{api.content.get_uuid(seance)}"
    assert group in {group["id"] for group in response.json()["groups"]["items"]}
    sharing = get(f"{seance.absolute_url()}/@@sharing", "manager", "text/html")
    assert "Accusé de réception : Séance notified" in sharing.text


def test_the_receipt_group_answers_over_groups_with_its_members(sent, functional):
    group = f"convocation-received-{api.content.get_uuid(sent.seances['notified'])}"
    response = get(f"{functional['portal'].absolute_url()}/@groups/{group}", "manager")
    assert response.status_code == 200
    assert response.json()["title"] == "Accusé de réception : Séance notified"
    assert response.json()["members"]["items"] == [userid("official")]


def test_users_listing_shows_every_official(sent, functional):
    response = get(f"{functional['portal'].absolute_url()}/@users", "manager")
    assert response.status_code == 200
    body = response.json()
    users = body["items"] if isinstance(body, dict) else body
    assert userid("official") in {user["id"] for user in users}


def test_convocation_page_and_json_show_the_answers_given(sent):
    convocation = sent.convocations[("notified", "official")]
    page = get(convocation.absolute_url(), "official", "text/html")
    assert page.status_code == 200
    assert "Odile Officielle" in page.text
    history = get(convocation.absolute_url(), "official").json()["history"]
    assert [(entry["attendance"], entry["by"]) for entry in history] == [
        ("present", userid("official"))
    ]


def test_an_agent_adds_a_questionnaire_over_rest_and_everyone_searches_it(sent, functional):
    seance = sent.seances["notified"]
    added = requests.post(
        seance.absolute_url(),
        auth=PERSONAS["agent"],
        headers={"Accept": "application/json"},
        json={"@type": "EasyForm", "id": "repas", "title": "Participerez-vous au repas ?"},
        timeout=60,
    )
    assert added.status_code == 201, added.text[:500]
    assert added.json()["title"] == "Participerez-vous au repas ?"
    search = f"{functional['portal'].absolute_url()}/@search?fullobjects=1&portal_type=EasyForm"
    for persona in ("agent", "manager"):
        found = get(search, persona)
        assert found.status_code == 200
        assert [item["title"] for item in found.json()["items"]] == ["Participerez-vous au repas ?"]
    assert get(search, "official").status_code == 200
