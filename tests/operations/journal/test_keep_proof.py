"""A sent séance holds the proof of its convocations: nobody deletes it, in the UI or over REST."""

from background import settled
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from world import browser_as
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


MESSAGE = (
    "Une séance envoyée ne peut pas être supprimée : elle porte la preuve de ses convocations. "
    "Annulez-la ou classez-la."
)


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


COPY_MOVE_MESSAGE = (
    "Une séance envoyée ne peut être ni déplacée ni renommée : les convocations envoyées mènent "
    "à son adresse. Copiez-la pour préparer une nouvelle séance."
)
CONVOCATION_MESSAGE = (
    "Une convocation d'une séance envoyée ne peut être ni supprimée, ni déplacée, ni renommée : "
    "elle fait partie de la preuve de l'envoi."
)


def credentials(login=None):
    """``login``'s, or the site's Manager's."""
    return (SITE_OWNER_NAME, SITE_OWNER_PASSWORD) if login is None else (login, PASSWORD)


def rest(method, url, login=None, **kwargs):
    return requests.request(
        method,
        url,
        auth=credentials(login),
        headers={"Accept": "application/json"},
        timeout=60,
        **kwargs,
    )


def test_a_copy_of_a_sent_seance_is_a_clean_draft_that_convokes_everyone(world_of, functional):
    original = world_of.seances["notified"]
    journal_before = rest("GET", original.absolute_url() + "/@journal", userid("agent")).json()
    response = rest(
        "POST",
        world_of.council.absolute_url() + "/@copy",
        userid("agent"),
        json={"source": original.absolute_url()},
    )
    assert response.status_code == 200, response.text
    copy_url = response.json()[0]["target"]
    copy = rest("GET", copy_url, userid("agent")).json()
    assert copy["review_state"] == "draft"
    assert [item["@type"] for item in copy["items"]] == ["File"]  # the report, no convocation
    tracking = rest("GET", copy_url + "/@tracking", userid("agent")).json()
    assert tracking["recipients"] == []
    assert tracking["notice"]["sent_at"] is None
    journal = rest("GET", copy_url + "/@journal", userid("agent")).json()
    assert [entry["kind"] for entry in journal["items"]] == ["created"]
    # The officials of the original gain nothing on the copy
    official = rest("GET", copy_url, userid("official"))
    assert official.status_code in (401, 403)
    # Sending the copy mails every recipient again
    mails_before = len(functional["portal"].MailHost.messages)
    response = rest("POST", copy_url + "/@workflow/notify", userid("agent"))
    assert response.status_code == 200, response.text
    settled(functional["portal"])  # the convocations, made by the worker
    assert len(functional["portal"].MailHost.messages) - mails_before == 3
    tracking = rest("GET", copy_url + "/@tracking", userid("agent")).json()
    assert sorted(line["userid"] for line in tracking["recipients"]) == sorted(
        userid(persona) for persona in ("official", "official2", "invitee")
    )
    # The original keeps its proof
    assert (
        rest("GET", original.absolute_url() + "/@journal", userid("agent")).json() == journal_before
    )


@pytest.mark.parametrize("login", [userid("agent"), None])
def test_a_sent_seance_is_neither_moved_nor_renamed(world_of, functional, login):
    from plone.dexterity.utils import createContentInContainer

    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(world_of.town_a, "Assembly", id="bureau", title="Bureau")
    transaction.commit()
    seance = world_of.seances["notified"]

    def move_to_bureau(obj):
        url = world_of.town_a.absolute_url() + "/bureau/@move"
        return rest("POST", url, login, json={"source": obj.absolute_url()})

    moved = move_to_bureau(seance)
    assert moved.status_code == 400, moved.text
    assert moved.json()["message"] == COPY_MOVE_MESSAGE
    browser = browser_as(functional["app"], *credentials(login))
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(seance.absolute_url() + "/object_rename")
    assert COPY_MOVE_MESSAGE in browser.contents  # on the séance, instead of the form
    assert browser.url == seance.absolute_url()
    transaction.begin()
    assert "seance-notified" in world_of.council.objectIds()
    assert "autre-nom" not in world_of.council.objectIds()
    assert "seance-notified" not in world_of.town_a["bureau"].objectIds()
    # A draft moves
    draft = world_of.seances["draft"]
    response = move_to_bureau(draft)
    assert response.status_code == 200, response.text


def test_nobody_deletes_a_convocation_of_a_sent_seance(world_of, functional):
    seance = world_of.seances["notified"]
    convocation = world_of.convocations[("notified", "official")]
    entries = len(rest("GET", seance.absolute_url() + "/@journal", userid("agent")).json()["items"])
    response = rest("DELETE", convocation.absolute_url())  # as the site's Manager
    assert response.status_code == 400
    assert response.json()["message"] == CONVOCATION_MESSAGE
    manager = browser_as(functional["app"], SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    manager.handleErrors = True
    manager.raiseHttpErrors = False
    manager.open(convocation.absolute_url() + "/delete_confirmation")
    assert CONVOCATION_MESSAGE in manager.contents
    transaction.begin()
    assert convocation.getId() in seance.objectIds()
    journal = rest("GET", seance.absolute_url() + "/@journal", userid("agent")).json()
    assert len(journal["items"]) == entries


def test_a_copied_assembly_holds_only_clean_drafts(world_of):
    """Copying the whole assembly copies its séances as new drafts too."""
    response = rest(
        "POST",
        world_of.town_a.absolute_url() + "/@copy",
        json={"source": world_of.council.absolute_url()},
    )
    assert response.status_code == 200, response.text
    copy_url = response.json()[0]["target"]
    copied = rest("GET", copy_url + "/seance-notified").json()
    assert copied["review_state"] == "draft"
    assert {item["@type"] for item in copied["items"]} == {"File"}
    journal = rest("GET", copy_url + "/seance-notified/@journal").json()
    assert [entry["kind"] for entry in journal["items"]] == ["created"]
