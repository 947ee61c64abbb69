"""Need to know: an official lists nobody's account, an agent only his collectivity's, and the
password-reset answers never tell whether a login exists. Over HTTP, from the matrix's personas."""

from collective.convocation.content.convocation import recipient_id
from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.utils import createContentInContainer
from world import PASSWORD
from world import userid

import html
import json
import pytest
import re
import requests
import transaction


# Names of the world's accounts (JSON escapes accents: none here) and a neighbour's.
OTHERS = ("Oscar Second", "Colette Coll", "Bob Autre", "Bernard Voisin", "official2@ville-a")
NEIGHBOUR = "bernard@ville-b"


@pytest.fixture
def site(functional, world_of):
    portal = functional["portal"]
    world = world_of
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="bernard@example.org",
            username=NEIGHBOUR,
            password=PASSWORD,
            properties={"fullname": "Bernard Voisin"},
        )
        createContentInContainer(
            world.town_b["conseil"],
            "Mandate",
            official=NEIGHBOUR,
            function="Conseiller communautaire",
            start=date(2026, 3, 22),
        )
    transaction.commit()
    return portal.absolute_url()


def get(url, persona, accept="application/json"):
    auth = (
        (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        if persona == "manager"
        else (userid(persona), PASSWORD)
    )
    return requests.get(url, auth=auth, headers={"Accept": accept}, timeout=30)


MEMBER_LISTINGS = [
    ("/@@member-search?form.buttons.search=Rechercher&form.widgets.fullname=o", "text/html"),
    ("/@@getVocabulary?name=plone.app.vocabularies.Users&query=o", "application/json"),
    ("/@@getVocabulary?name=plone.app.vocabularies.Principals&query=o", "application/json"),
    (
        "/ville-a/conseil/@@getVocabulary?name=plone.app.vocabularies.Users"
        "&field=default_invitees&query=o",
        "application/json",
    ),
    (
        "/ville-a/conseil/@@getVocabulary?name=collective.convocation.Accounts"
        "&field=default_invitees&query=o",
        "application/json",
    ),
    ("/@vocabularies/plone.app.vocabularies.Users?title=o", "application/json"),
    ("/@vocabularies/plone.app.vocabularies.Principals?title=o", "application/json"),
    ("/ville-a/conseil/@vocabularies/collective.convocation.Accounts", "application/json"),
    ("/@users?query=o", "application/json"),
    ("/@users/official2@ville-a", "application/json"),
    ("/@@user-information?userid=official2@ville-a", "text/html"),
    ("/author/official2@ville-a", "text/html"),
    ("/portal_membership/searchForMembers?name=o", "text/html"),
]


@pytest.mark.parametrize("path, accept", MEMBER_LISTINGS)
def test_an_official_lists_no_other_account(site, path, accept):
    response = get(site + path, "official", accept)
    assert response.status_code != 500
    shown = response.text.replace(site + path, "")  # the page's own address (a form's came_from)
    assert [name for name in OTHERS if name in shown] == []


def test_a_site_manager_still_lists_every_account(site):
    for path in (
        "/@@getVocabulary?name=plone.app.vocabularies.Users&query=o",
        "/author/official2@ville-a",
    ):
        assert "Oscar Second" in get(site + path, "manager", "text/html").text


def test_an_official_names_his_proxy_among_the_convoked_colleagues(site, functional):
    convocation = functional["portal"]["ville-a"]["conseil"].objectValues()
    seance = next(obj for obj in convocation if obj.title == "Séance notified")
    url = seance[recipient_id(userid("official"))].absolute_url() + "/@attendance"
    candidates = get(url, "official").json()["proxy_candidates"]
    assert [candidate["title"] for candidate in candidates] == ["Oscar Second"]


def accounts(site, persona, where):
    response = get(
        f"{site}/{where}/@vocabularies/collective.convocation.Accounts?b_size=100", persona
    )
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


def test_an_agent_chooses_among_his_collectivitys_accounts_only(site):
    mine = accounts(site, "agent", "ville-a/conseil")
    assert {"Odile Officielle", "Oscar Second", "Colette Collègue", "Agathe Agent"} <= mine
    assert "Bernard Voisin" not in mine
    theirs = accounts(site, "other_agent", "ville-b/conseil")
    assert "Bernard Voisin" in theirs
    assert "Odile Officielle" not in theirs


def test_an_official_chooses_nobody(site):
    assert (
        get(
            f"{site}/ville-a/conseil/@vocabularies/collective.convocation.Accounts", "official"
        ).status_code
        == 401
    )
    # On the séance he is convoked to: only the accounts it already names, its invitee.
    seance = "ville-a/conseil/" + next(
        obj.getId()
        for obj in api.portal.get()["ville-a"]["conseil"].objectValues()
        if obj.title == "Séance notified"
    )
    assert accounts(site, "official", seance) == {"Ivan Invité"}


def post_mandate(site, official):
    return requests.post(
        site + "/ville-a/conseil",
        auth=(userid("admin"), PASSWORD),
        headers={"Accept": "application/json"},
        json={
            "@type": "Mandate",
            "official": official,
            "function": "Conseiller municipal",
            "seat": "titular",
            "start": "2026-03-22",
        },
        timeout=30,
    )


def test_a_mandate_cannot_name_another_collectivitys_account(site):
    refused = post_mandate(site, NEIGHBOUR)
    assert refused.status_code == 400
    assert NEIGHBOUR not in {
        mandate.official
        for mandate in api.portal.get()["ville-a"]["conseil"].objectValues()
        if mandate.portal_type == "Mandate"
    }
    assert post_mandate(site, userid("invitee")).status_code == 201


KNOWN, UNKNOWN = userid("official"), "personne@ville-a"


def anonymous(method, url, **kwargs):
    return requests.request(
        method, url, headers={"Accept": "application/json"}, timeout=30, **kwargs
    )


def test_the_old_mail_password_page_says_the_same_for_any_login(site):
    known, unknown = (
        requests.get(site + "/mail_password", params={"userid": login}, timeout=30)
        for login in (KNOWN, UNKNOWN)
    )
    assert known.status_code == unknown.status_code == 200
    assert known.url.split("?")[0] == unknown.url.split("?")[0]
    assert known.text.replace(KNOWN, "") == unknown.text.replace(UNKNOWN, "")


def test_rest_reset_password_says_the_same_for_any_login(site):
    known, unknown = (
        anonymous("POST", f"{site}/@users/{login}/reset-password", json={})
        for login in (KNOWN, UNKNOWN)
    )
    assert known.status_code == unknown.status_code == 204
    assert known.text == unknown.text == ""


def test_the_login_help_form_says_the_same_for_any_login(site):
    pages = []
    for login in (KNOWN, UNKNOWN):
        response = requests.post(
            site + "/@@login-help",
            data={"form.widgets.reset_password": login, "form.buttons.reset": "Réinitialiser"},
            timeout=30,
        )
        page = re.sub(r'name="_authenticator" value="\w+"', "", response.text.replace(login, ""))
        pages.append((response.status_code, page))
    assert pages[0] == pages[1]
    assert "Un courriel a été envoyé avec des instructions" in pages[0][1]


def test_the_mandate_forms_select_offers_the_collectivitys_accounts(site):
    form = get(site + "/ville-a/conseil/++add++Mandate", "admin", "text/html").text
    url = html.unescape(re.search(r'data-pat-select2="([^"]*)"', form).group(1))
    url = json.loads(url)["vocabularyUrl"]
    assert "name=collective.convocation.Accounts&field=official" in url
    found = get(url + "&query=b", "admin").json()["results"]
    names = {result["text"] for result in found}
    assert "Bob Autre" in names  # a ville-a login
    assert "Bernard Voisin" not in names


@pytest.mark.parametrize(
    "path, accept",
    [
        ("/ville-a/@@sharing?search_term=Bern", "text/html"),
        ("/ville-a/@sharing?search=Bern", "application/json"),
    ],
)
def test_the_sharing_search_finds_the_collectivitys_accounts_only(site, path, accept):
    assert "Bernard Voisin" not in get(site + path, "admin", accept).text
    found = get(site + path.replace("Bern", "Odile"), "admin", accept).text
    assert "Odile Officielle" in found
