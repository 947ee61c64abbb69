"""Seating an official through the « Nouveau mandat » form and the REST API, as the collectivity's
administrator (the demo's camille.besson): any account of the collectivity, never a neighbour's."""

from plone import api
from world import browser_as
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


NEIGHBOUR = "bernard@ville-b"
NEWCOMER = "nina.nouvelle@ville-a"


@pytest.fixture
def council(functional, world_of):
    with api.env.adopt_roles(["Manager"]):
        for login, fullname in ((NEIGHBOUR, "Bernard Voisin"), (NEWCOMER, "Nina Nouvelle")):
            api.user.create(
                email=f"{login.split('@')[0]}@example.org",
                username=login,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
    transaction.commit()
    return world_of.council


def officials(council):
    transaction.begin()  # see what the requests committed
    return {obj.official for obj in council.objectValues() if obj.portal_type == "Mandate"}


def add_form(functional, council, persona, official):
    browser = browser_as(functional["app"], userid(persona))
    browser.handleErrors = True
    browser.open(council.absolute_url() + "/++add++Mandate")
    browser.getControl(name="form.widgets.official").value = official
    browser.getControl(name="form.widgets.function").value = "Conseiller municipal"
    browser.getControl(name="form.widgets.start").value = "2026-03-22"
    browser.getControl(name="form.buttons.save").click()
    return browser


@pytest.mark.parametrize("official", [userid("invitee"), NEWCOMER])
def test_the_administrator_seats_an_account_of_the_collectivity(functional, council, official):
    browser = add_form(functional, council, "admin", official)
    assert "Il y a des erreurs" not in browser.contents
    assert "Contrainte non satisfaite" not in browser.contents
    assert official in officials(council)
    assert "Conseiller municipal" in browser.contents


def test_the_administrator_cannot_seat_a_neighbours_account(functional, council):
    browser = add_form(functional, council, "admin", NEIGHBOUR)
    assert "Il y a des erreurs" in browser.contents
    assert "Choisissez dans la liste un compte de cette collectivité." in browser.contents
    assert NEIGHBOUR not in officials(council)


def post_mandate(council, persona, official):
    return requests.post(
        council.absolute_url(),
        auth=(userid(persona), PASSWORD),
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


def test_the_rest_api_seats_the_collectivitys_accounts_only(council):
    assert post_mandate(council, "admin", NEWCOMER).status_code == 201
    refused = post_mandate(council, "admin", NEIGHBOUR)
    assert refused.status_code == 400
    assert officials(council) & {NEWCOMER, NEIGHBOUR} == {NEWCOMER}


def test_an_agent_names_a_rapporteur_of_the_collectivity_only(functional, council, world_of):
    seance = world_of.seances["draft"]
    browser = browser_as(functional["app"], userid("agent"))
    browser.handleErrors = True
    for rapporteur in (NEIGHBOUR, userid("official")):
        browser.open(seance.absolute_url() + "/++add++AgendaItem")
        browser.getControl(name="form.widgets.IBasic.title").value = f"Budget {rapporteur}"
        browser.getControl(name="form.widgets.rapporteur").value = rapporteur
        browser.getControl(name="form.buttons.save").click()
        refused = "Choisissez dans la liste un compte de cette collectivité." in browser.contents
        assert refused == (rapporteur == NEIGHBOUR)
    transaction.begin()
    items = {
        obj.title: obj.rapporteur
        for obj in seance.objectValues()
        if obj.portal_type == "AgendaItem"
    }
    assert items.get(f"Budget {userid('official')}") == userid("official")
    assert f"Budget {NEIGHBOUR}" not in items
