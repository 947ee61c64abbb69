"""Sending in the background: the agent's request records the sending, a worker convokes after it."""

from background import one_batch
from background import settled
from clients import rest
from collective.convocation.operations import jobs
from collective.convocation.operations import sending
from collective.convocation.operations import worker
from lxml import html
from world import PASSWORD
from world import started
from world import userid

import pytest
import requests
import transaction


@pytest.fixture
def held(monkeypatch, world_of, functional):
    """The worker held back (as in an instance that runs none): jobs wait until ``resume``."""
    wake = worker.wake
    monkeypatch.setattr(worker, "wake", lambda db, site_path: None)
    worker.stop_all()  # the one that sent the world's séances
    portal = functional["portal"]

    def resume():
        monkeypatch.setattr(worker, "wake", wake)
        worker.look(portal._p_jar.db(), starting=True)  # what Zope does when it starts
        settled(portal)

    return resume


def convoked(seance):
    return sorted(c.recipient for c in seance.objectValues() if c.portal_type == "Convocation")


def page_sending(persona, url):
    """The séance page's sending box as a person reads it: the headline, then each error."""
    page = html.fromstring(requests.get(url, auth=(userid(persona), PASSWORD), timeout=60).text)
    box = page.get_element_by_id("seance-sending", None)
    if box is None:
        return None
    return [" ".join(node.text_content().split()) for node in box.xpath(".//strong|.//li")]


def tracking_of(seance):
    response = rest("GET", "agent", seance.absolute_url() + "/@tracking")
    assert response.status_code == 200, response.text
    return response.json()


def test_notify_returns_before_the_convocations_exist_and_the_worker_makes_them(held, world_of):
    draft = world_of.seances["draft"]
    response = rest("POST", "agent", draft.absolute_url() + "/@workflow/notify")
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "notified"

    transaction.begin()
    assert convoked(draft) == []  # the request returned before any convocation existed
    data = tracking_of(draft)
    assert data["recipients"] == []
    # Even whom to convoke is left to the worker: the request stays as short for 500 as for 5.
    assert {key: data["sending"][key] for key in ("kind", "state", "done", "total")} == {
        "kind": "notify",
        "state": "running",
        "done": 0,
        "total": None,
    }
    assert data["quorum"]["members_in_office"] == 2  # those the sending will convoke, all the same

    held()
    assert convoked(draft) == sorted(userid(p) for p in ("official", "official2", "invitee"))
    data = tracking_of(draft)
    assert (data["sending"]["state"], data["sending"]["done"]) == ("done", 3)
    assert len(data["recipients"]) == 3
    assert data["notice"]["given"] is not None
    kinds = [entry["kind"] for entry in jobs_journal(draft)]
    assert kinds.count("mail-queued") == 3
    assert kinds[-1] == "sending-done"


def jobs_journal(seance):
    response = rest("GET", "agent", seance.absolute_url() + "/@journal")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_the_page_and_tracking_show_the_sending_batch_by_batch(
    held, world_of, functional, monkeypatch
):
    monkeypatch.setattr(jobs, "BATCH_SIZE", 1)
    draft = world_of.seances["draft"]
    url = draft.absolute_url()
    assert rest("POST", "agent", url + "/@workflow/notify").status_code == 200
    assert page_sending("agent", url) == ["Envoi en cours : liste des destinataires en préparation"]

    one_batch(functional["portal"])
    assert page_sending("agent", url) == ["Envoi en cours : 1 / 3"]
    data = tracking_of(draft)
    assert (data["sending"]["done"], len(data["recipients"])) == (1, 1)
    light = rest("GET", "agent", url + "/@sending").json()["sending"]
    assert (light["state"], light["done"], light["total"]) == ("running", 1, 3)
    # Nobody else sees where the sending stands.
    assert rest("GET", "official", url + "/@sending").status_code in (401, 403)

    held()
    assert page_sending("agent", url) == ["Envoi terminé : 3 / 3"]
    assert rest("GET", "agent", url + "/@sending").json()["sending"]["state"] == "done"


def test_an_error_in_the_middle_stops_nothing_is_shown_and_tried_again(
    held, world_of, functional, monkeypatch
):
    create = sending.create_convocation
    failed = []

    def full_mailbox_once(seance, recipient, *args):
        if recipient == userid("official2") and not failed:
            failed.append(recipient)
            raise RuntimeError("Boîte saturée")
        return create(seance, recipient, *args)

    monkeypatch.setattr(sending, "create_convocation", full_mailbox_once)
    monkeypatch.setattr(jobs, "RETRY_DELAYS", (0.5,))
    draft = world_of.seances["draft"]
    url = draft.absolute_url()
    assert rest("POST", "agent", url + "/@workflow/notify").status_code == 200

    one_batch(functional["portal"])  # all three tried: one failed, the others convoked
    assert convoked(draft) == sorted(userid(p) for p in ("official", "invitee"))
    headline, error = page_sending("agent", url)
    assert headline == "Envoi en cours : 2 / 3"
    assert error.startswith("Oscar Second : Boîte saturée (essai 1 sur 5) — nouvel essai à ")
    (found,) = tracking_of(draft)["sending"]["errors"]
    assert (found["name"], found["error"], found["attempts"]) == (
        "Oscar Second",
        "Boîte saturée",
        1,
    )

    held()  # tried again once due
    assert len(convoked(draft)) == 3
    assert page_sending("agent", url) == ["Envoi terminé : 3 / 3"]
    assert tracking_of(draft)["sending"]["errors"] == []


def test_nothing_more_is_sent_about_a_séance_while_its_convocations_are_being_sent(held, world_of):
    draft = world_of.seances["draft"]
    url = draft.absolute_url()
    assert rest("POST", "agent", url + "/@workflow/notify").status_code == 200
    response = rest(
        "POST", "agent", url + "/@renotify", json={"subject": "Rappel", "message": "Lisez."}
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "Les convocations sont en cours d'envoi (0 / …) : attendez la fin de l'envoi"
    )
    held()
    response = rest(
        "POST", "agent", url + "/@renotify", json={"subject": "Rappel", "message": "Lisez."}
    )
    assert response.status_code == 200, response.text


def test_a_séance_cancelled_while_being_sent_convokes_nobody_more(
    held, world_of, functional, monkeypatch
):
    monkeypatch.setattr(jobs, "BATCH_SIZE", 1)
    draft = world_of.seances["draft"]
    url = draft.absolute_url()
    assert rest("POST", "agent", url + "/@workflow/notify").status_code == 200
    one_batch(functional["portal"])
    (first,) = convoked(draft)
    response = rest(
        "POST", "agent", url + "/@workflow/cancel", json={"comment": "Salle indisponible"}
    )
    assert response.status_code == 200, response.text
    held()
    assert convoked(draft) == [first]  # told of the cancellation; the others were never convoked
    kinds = [entry["kind"] for entry in jobs_journal(draft)]
    assert kinds.count("mail-queued") == 2  # the convocation, then the cancellation


def test_a_sending_resumed_after_the_séance_began_convokes_nobody_and_says_so(
    held, world_of, functional
):
    draft = world_of.seances["draft"]
    url = draft.absolute_url()
    assert rest("POST", "agent", url + "/@workflow/notify").status_code == 200
    transaction.begin()
    started(draft)  # Zope stayed stopped until the séance began
    transaction.commit()
    held()
    assert convoked(draft) == []
    headline, *errors = page_sending("agent", url)
    assert headline == f"Envoi terminé : 0 / {len(errors)}"  # those with a mandate that day
    assert (
        "Odile Officielle : La séance a commencé : cette convocation n'est plus envoyée. — non envoyé."
        in errors
    )
