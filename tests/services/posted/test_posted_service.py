"""POST <séance>/@posted: « posté le » for paper recipients, with the page's checks."""

from clients import agent_call
from collective.convocation.core.legal import PARIS
from datetime import datetime
from datetime import timedelta
from paper_world import on_paper
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


@pytest.fixture
def url(site):
    seance = on_paper(site)
    transaction.commit()
    return seance.absolute_url() + "/@posted"


def today():
    return datetime.now(PARIS).date()


def as_persona(persona):
    return (userid(persona), PASSWORD)


def test_the_agent_records_the_posting(url):
    day = today().isoformat()
    response = agent_call("POST", url, recipients=[userid("official")], date=day)
    assert response.status_code == 200, response.text
    posted = response.json()
    assert posted["date"] == day
    assert [item["userid"] for item in posted["posted"]] == [userid("official")]
    moment = datetime.fromisoformat(posted["posted"][0]["posted_at"])
    assert moment.utcoffset() == timedelta(0)
    assert moment.astimezone(PARIS).date() == today() and moment.astimezone(PARIS).hour == 0
    journal = agent_call("GET", url.replace("/@posted", "/@journal")).json()
    assert journal["items"][-1]["kind"] == "posted"


@pytest.mark.parametrize(
    ("recipients", "day", "message"),
    [
        (["official"], lambda: today() + timedelta(days=1), "ne peut pas être dans le futur"),
        (["official"], lambda: today() - timedelta(days=1), "n'ont pas pu être postées avant"),
        (["colleague"], today, "n'est pas destinataire de cette séance"),
        (["invitee"], today, "ne reçoit pas la convocation sur papier"),
        ([], today, "Cochez au moins un destinataire"),
    ],
)
def test_refusals_are_400_in_french(url, recipients, day, message):
    response = agent_call(
        "POST", url, recipients=[userid(p) for p in recipients], date=day().isoformat()
    )
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [{"recipients": "official@ville-a", "date": "2030-01-01"}, {"recipients": [3]}, {}],
)
def test_unreadable_recipients_are_a_400(url, body):
    response = requests.post(
        url, auth=as_persona("agent"), headers={"Accept": "application/json"}, json=body, timeout=60
    )
    assert response.status_code == 400
    assert "recipients" in response.json()["message"]


def test_a_date_not_a_day_is_a_400(url):
    response = agent_call("POST", url, recipients=[userid("official")], date="01/12/2026")
    assert response.status_code == 400
    assert "AAAA-MM-JJ" in response.json()["error"]["message"]


@pytest.mark.parametrize("persona", ["official", "other_agent", "anonymous"])
def test_only_the_seance_s_agents_may(url, persona):
    auth = None if persona == "anonymous" else as_persona(persona)
    response = requests.post(
        url,
        auth=auth,
        headers={"Accept": "application/json"},
        json={"recipients": [userid("official")], "date": today().isoformat()},
        timeout=60,
    )
    assert response.status_code == 401
    check = agent_call("POST", url, recipients=[userid("official")], date=today().isoformat())
    assert (
        check.status_code == 200
    )  # nothing was recorded by the refused call: the agent's is first
