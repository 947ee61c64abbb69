"""« Appel » in one pass: « Tous présents », the exceptions, arrival and departure times, one save."""

from clients import get
from clients import rest
from world import browser_as
from world import PASSWORD
from world import started
from world import userid

import pytest
import re
import requests
import transaction


@pytest.fixture
def seance(world_of):
    seance = world_of.seances["notified"]
    started(seance)  # the séance's day: the roll call is open
    transaction.commit()
    return seance


def text(html):
    """What the page says, without its tags and extra spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" .", ".")


def roll_call_form(browser, seance):
    browser.open(seance.absolute_url() + "/@@roll-call")
    return browser.getForm(id="roll-call-form")


def row_of(form, persona):
    """The form's row number of ``persona``."""
    number = 0
    while form.getControl(name="recipients:list", index=number).value != userid(persona):
        number += 1
    return number


def tracked(seance):
    data = get("agent", seance.absolute_url() + "/@tracking").json()
    return {line["userid"]: line for line in data["recipients"]}


def journal_kinds(seance):
    entries = rest("GET", "agent", seance.absolute_url() + "/@journal").json()["items"]
    return [entry for entry in entries if entry["kind"] == "roll-call"]


def test_all_present_then_exceptions_in_one_save(seance, functional):
    agent = browser_as(functional["app"], userid("agent"))
    form = roll_call_form(agent, seance)
    assert "Appel : 0 dans la salle, quorum non atteint." in text(agent.contents)
    assert "Quorum : 2 sur 2 membres en exercice." in agent.contents
    # The invitee is absent, the second official arrived at 18:35: the others, « Tous présents ».
    form.getControl(name=f"actual_{row_of(form, 'invitee')}").value = ["absent"]
    form.getControl(name=f"arrived_{row_of(form, 'official2')}").value = "18:35"
    form.getControl("Tous présents").click()
    assert "3 présences enregistrées." in agent.contents  # the invitee marked absent too
    assert "Appel : 2 dans la salle, quorum atteint." in text(agent.contents)
    lines = tracked(seance)
    assert lines[userid("official")]["actual"] == "present"
    assert lines[userid("official2")]["actual"] == "present"
    assert lines[userid("invitee")]["actual"] == "absent"
    day = seance.start.astimezone().date().isoformat()
    assert lines[userid("official2")]["arrived_at"].startswith(day)
    assert lines[userid("official")]["arrived_at"] is None
    # Paris time comes back in the form as it was typed
    form = roll_call_form(agent, seance)
    assert form.getControl(name=f"arrived_{row_of(form, 'official2')}").value == "18:35"
    # One journal entry per recipient whose mark changed, the time with it
    entries = journal_kinds(seance)
    assert len(entries) == 3
    agent.open(seance.absolute_url() + "/@@journal")
    assert "Oscar Second Présent arrivée à 18h35" in text(agent.contents)

    # Saving again unchanged writes nothing new
    form = roll_call_form(agent, seance)
    form.getControl("Enregistrer l'appel").click()
    assert "3 présences enregistrées." in agent.contents
    assert len(journal_kinds(seance)) == 3


def test_a_departure_before_the_arrival_saves_nothing(seance, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.handleErrors = True
    agent.raiseHttpErrors = False
    form = roll_call_form(agent, seance)
    form.getControl(name=f"actual_{row_of(form, 'official')}").value = ["present"]
    number = row_of(form, "official2")
    form.getControl(name=f"actual_{number}").value = ["left"]
    form.getControl(name=f"arrived_{number}").value = "19:00"
    form.getControl(name=f"left_{number}").value = "18:40"
    form.getControl("Enregistrer l'appel").click()
    assert agent.headers["status"].startswith("400")
    assert "Oscar Second : le départ (18:40) précède l'arrivée (19:00)." in agent.contents
    # The form comes back as sent; nothing was recorded, not even the first mark
    form = agent.getForm(id="roll-call-form")
    assert form.getControl(name=f"left_{number}").value == "18:40"
    assert form.getControl(name=f"actual_{row_of(form, 'official')}").value == ["present"]
    assert {line["actual"] for line in tracked(seance).values()} == {None}
    assert journal_kinds(seance) == []


def test_an_unreadable_time_is_refused_in_french(seance, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.handleErrors = True
    agent.raiseHttpErrors = False
    form = roll_call_form(agent, seance)
    form.getControl(name=f"arrived_{row_of(form, 'official')}").value = "7 heures"
    form.getControl("Tous présents").click()
    assert "Odile Officielle : écrivez l'heure sous la forme 18:35." in agent.contents
    assert {line["actual"] for line in tracked(seance).values()} == {None}


def test_the_single_mark_still_works(seance, functional):
    from urllib.parse import urlencode

    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@roll-call")
    token = agent.getControl(name="_authenticator", index=0).value
    agent.post(
        seance.absolute_url() + "/@@roll-call",
        urlencode({"recipient": userid("official2"), "actual": "late", "_authenticator": token}),
    )
    assert "Oscar Second : Arrivé en retard." in agent.contents
    assert tracked(seance)[userid("official2")]["actual"] == "late"


@pytest.mark.parametrize("persona", ["official", "invitee", "other_agent"])
def test_only_agents_open_the_roll_call(seance, persona):
    response = requests.get(
        seance.absolute_url() + "/@@roll-call",
        auth=(userid(persona), PASSWORD),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (302, 401)
    assert "roll-call-form" not in response.text
