"""The agents' tracking of a séance (viewlet and REST) and the roll call (« Appel »)."""

from clients import get
from world import browser_as
from world import PASSWORD
from world import started
from world import userid

import pytest
import re
import requests
import transaction


JSON = {"Accept": "application/json"}


@pytest.fixture
def world_of(world_of):
    """The world, the official having given a proxy and the second official answering present."""
    world = world_of
    # The official acknowledges and gives a proxy; the second official will be present.
    for persona, answer in (
        ("official", {"attendance": "proxy", "proxy_holder": userid("official2")}),
        ("official2", {"attendance": "present"}),
    ):
        url = world.convocations[("notified", persona)].absolute_url()
        auth = (userid(persona), PASSWORD)
        requests.post(url + "/@receipt", auth=auth, headers=JSON, timeout=30)
        requests.post(url + "/@attendance", auth=auth, headers=JSON, json=answer, timeout=30)
    transaction.begin()
    started(world.seances["notified"])  # the séance's day: the roll call is open
    transaction.commit()
    return world


def said(html):
    """The page's words, without its tags."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" .", ".")


def roll_call(persona, seance, recipient, actual):
    return requests.post(
        seance.absolute_url() + "/@roll-call",
        auth=(userid(persona), PASSWORD),
        headers=JSON,
        json={"recipient": userid(recipient), "actual": actual},
        timeout=30,
    )


def test_the_agent_sees_counts_notice_quorum_and_rows_on_the_seance(world_of, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(world_of.seances["notified"].absolute_url())
    page = agent.contents
    assert "Suivi de la séance" in page
    # 2 members in office (the colleague's mandate ended): quorum 2; one present, one proxy
    assert "Quorum : 2 sur 2 membres en exercice." in page
    assert "Annoncés — présents : 1, à distance : 0." in page
    assert "Prévision sans la présence à distance : non atteint." in page
    assert "jours francs" in page
    table = page[page.index('id="tracking-table"') :]
    for name in ("Odile Officielle", "Oscar Second", "Ivan Invité", "Donne pouvoir", "Présent"):
        assert name in table
    # officials first, then the invitee
    assert table.index("Odile Officielle") < table.index("Ivan Invité")
    assert table.index("Oscar Second") < table.index("Ivan Invité")


@pytest.mark.parametrize("persona", ["official", "invitee"])
def test_recipients_do_not_see_the_tracking(world_of, functional, persona):
    browser = browser_as(functional["app"], userid(persona))
    browser.open(world_of.seances["notified"].absolute_url())
    assert "Suivi de la séance" not in browser.contents
    assert "tracking-table" not in browser.contents


@pytest.mark.parametrize(
    "persona,status",
    [("agent", 200), ("admin", 200), ("official", 401), ("invitee", 401), ("other_agent", 401)],
)
def test_rest_tracking(world_of, persona, status):
    response = get(persona, world_of.seances["notified"].absolute_url() + "/@tracking")
    assert response.status_code == status
    if status != 200:
        return
    data = response.json()
    assert data["counts"]["recipients"] == 3
    assert data["counts"]["received"] == 2
    assert data["counts"]["proxies"] == 1
    assert data["quorum"]["members_in_office"] == 2
    assert data["quorum"]["present"] == 1
    assert data["quorum"]["reached"] is False
    assert data["notice"]["given"] >= data["notice"]["required"] == 3
    assert data["notice"]["respected"] is True
    by_user = {row["userid"]: row for row in data["recipients"]}
    assert by_user[userid("official")]["attendance"] == "proxy"
    assert by_user[userid("official")]["proxy_holder"] == userid("official2")
    assert by_user[userid("invitee")]["category"] == "invitation"
    assert by_user[userid("official2")]["received_at"]


def test_anonymous_gets_no_tracking(world_of):
    response = requests.get(
        world_of.seances["notified"].absolute_url() + "/@tracking", headers=JSON, timeout=30
    )
    assert response.status_code == 401


def test_roll_call_in_the_browser_shows_the_live_quorum(world_of, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(world_of.seances["notified"].absolute_url())
    agent.getLink("Appel").click()
    assert "Appel : 0 dans la salle, quorum non atteint." in said(agent.contents)
    # One form, one save (tests/browser/test_roll_call.py): Oscar present, Odile late.
    form = agent.getForm(id="roll-call-form")
    form.getControl(name="actual_0").value = ["late"]  # Officielle, then Second, then the invitee
    form.getControl(name="actual_1").value = ["present"]
    form.getControl("Enregistrer l'appel").click()
    assert "2 présences enregistrées." in agent.contents
    assert "Appel : 2 dans la salle, quorum atteint." in said(agent.contents)
    # The exports show the declared and the actual attendance side by side
    agent.open(world_of.seances["notified"].absolute_url() + "/@@emargement.csv")
    rows = {line.split(";")[0]: line.split(";") for line in agent.contents.splitlines()[1:]}
    assert rows["Officielle"][6] == "Donne pouvoir"
    assert rows["Officielle"][8] == "Arrivé en retard"
    assert rows["Second"][8] == "Présent"


@pytest.mark.parametrize("persona", ["official", "invitee", "other_agent"])
def test_only_agents_call_the_roll(world_of, persona):
    seance = world_of.seances["notified"]
    assert roll_call(persona, seance, persona, "present").status_code == 401
    tracked = get("agent", seance.absolute_url() + "/@tracking").json()
    assert tracked["quorum"]["in_the_room"] == 0


def test_rest_roll_call(world_of):
    seance = world_of.seances["notified"]
    response = roll_call("agent", seance, "official2", "present")
    assert response.status_code == 200
    assert response.json()["quorum"]["in_the_room"] == 1
    refused = roll_call("agent", seance, "official2", "dancing")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "Présence effective inconnue : « dancing »."
    stranger = roll_call("agent", seance, "colleague", "present")
    assert stranger.status_code == 400
    assert "n'est pas destinataire de cette séance" in stranger.json()["error"]["message"]


def test_no_roll_call_once_archived(world_of):
    assert (
        roll_call("agent", world_of.seances["archived"], "official", "present").status_code == 401
    )
