"""A sent séance holds the proof of its convocations: nobody deletes it, in the UI or over REST."""

from world import browser_as
from world import build
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


MESSAGE = (
    "Une séance envoyée ne peut pas être supprimée : elle porte la preuve de ses convocations. "
    "Annulez-la ou classez-la."
)


@pytest.fixture
def world_of(functional):
    world = build(functional["portal"])
    transaction.commit()
    return world


def test_rest_refuses_to_delete_a_sent_seance(world_of):
    seance = world_of.seances["notified"]
    response = requests.delete(
        seance.absolute_url(),
        auth=(userid("agent"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json()["message"] == MESSAGE
    transaction.begin()
    assert "seance-notified" in world_of.council.objectIds()


def test_the_delete_page_refuses_it_and_a_document_still_goes(world_of, functional):
    seance = world_of.seances["notified"]
    agent = browser_as(functional["app"], userid("agent"))
    agent.handleErrors = True
    agent.raiseHttpErrors = False
    agent.open(seance.absolute_url() + "/delete_confirmation")
    assert MESSAGE in agent.contents  # on the séance, instead of the confirmation
    assert agent.url == seance.absolute_url()
    # A document of the séance can still be removed while it is open
    agent.open(seance.absolute_url() + "/rapport/delete_confirmation")
    agent.getControl(name="form.buttons.Delete").click()
    transaction.begin()
    assert "seance-notified" in world_of.council.objectIds()
    assert "rapport" not in seance.objectIds()


def test_a_draft_seance_can_be_deleted(world_of):
    response = requests.delete(
        world_of.seances["draft"].absolute_url(),
        auth=(userid("agent"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code == 204
