"""POST @roll-call with several marks, all or nothing; @tracking gives the times."""

from clients import rest
from datetime import datetime
from datetime import UTC
from plone import api
from world import started
from world import userid

import pytest
import transaction


@pytest.fixture
def seance(site):
    seance = site.seances["notified"]
    started(seance)  # the séance's day: the roll call is open
    transaction.commit()
    return seance


def roll_call(seance, body, persona="agent"):
    return rest("POST", persona, seance.absolute_url() + "/@roll-call", json=body)


def recipients(seance):
    data = rest("GET", "agent", seance.absolute_url() + "/@tracking").json()
    return {line["userid"]: line for line in data["recipients"]}


def roll_calls(seance):
    items = rest("GET", "agent", seance.absolute_url() + "/@journal").json()["items"]
    return [item for item in items if item["kind"] == "roll-call"]


def test_several_marks_at_once(seance):
    response = roll_call(
        seance,
        {
            "marks": [
                {"recipient": userid("official"), "actual": "present", "arrived_at": "18:35"},
                {
                    "recipient": userid("official2"),
                    "actual": "left",
                    "arrived_at": "18:30",
                    "left_at": "19:10",
                },
                {"recipient": userid("invitee"), "actual": "absent"},
            ]
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert data["marked"] == 3
    assert data["quorum"]["in_the_room"] == 1  # « left » is not in the room
    lines = recipients(seance)
    day = seance.start.astimezone(UTC).date()
    arrived = datetime.fromisoformat(lines[userid("official")]["arrived_at"])
    assert arrived.astimezone(UTC).date() == day
    assert datetime.fromisoformat(lines[userid("official2")]["left_at"]) > datetime.fromisoformat(
        lines[userid("official2")]["arrived_at"]
    )
    assert lines[userid("invitee")]["arrived_at"] is None
    assert len(roll_calls(seance)) == 3
    # Times left out are kept; "" clears one
    roll_call(seance, {"marks": [{"recipient": userid("official"), "actual": "present"}]})
    assert (
        recipients(seance)[userid("official")]["arrived_at"]
        == lines[userid("official")]["arrived_at"]
    )
    roll_call(
        seance,
        {"marks": [{"recipient": userid("official"), "actual": "present", "arrived_at": ""}]},
    )
    assert recipients(seance)[userid("official")]["arrived_at"] is None


@pytest.mark.parametrize(
    "mark,message",
    [
        (
            {
                "recipient": "official2",
                "actual": "present",
                "arrived_at": "19:00",
                "left_at": "18:00",
            },
            "Oscar Second : le départ (18:00) précède l'arrivée (19:00).",
        ),
        (
            {"recipient": "official2", "actual": "present", "arrived_at": "soir"},
            "Oscar Second : écrivez l'heure sous la forme 18:35.",
        ),
        (
            {"recipient": "official2", "actual": "dancing"},
            "Présence effective inconnue : « dancing ».",
        ),
        ({"recipient": "colleague", "actual": "present"}, "n'est pas destinataire de cette séance"),
        ({"recipient": "official", "actual": "absent"}, "Odile Officielle est pointé deux fois."),
    ],
)
def test_one_bad_mark_records_none(seance, mark, message):
    body = {
        "marks": [
            {"recipient": userid("official"), "actual": "present"},
            {**mark, "recipient": userid(mark["recipient"])},
        ]
    }
    response = roll_call(seance, body)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]
    assert {line["actual"] for line in recipients(seance).values()} == {None}
    assert roll_calls(seance) == []


@pytest.mark.parametrize("marks", ["present", [1, 2], [{"recipient": 5}]])
def test_unreadable_marks_are_a_bad_request(seance, marks):
    response = roll_call(seance, {"marks": marks})
    assert response.status_code == 400
    assert response.json()["type"] == "BadRequest"
    assert response.json()["message"].startswith(("« marks »", "Le champ"))


def test_officials_may_not_mark(seance):
    body = {"marks": [{"recipient": userid("official"), "actual": "present"}]}
    assert roll_call(seance, body, persona="official").status_code == 401


def test_tracking_gives_the_posted_and_roll_call_times(seance):
    convocation = [
        item
        for item in seance.objectValues()
        if getattr(item, "recipient", None) == userid("official")
    ][0]
    with api.env.adopt_roles(["Manager"]):
        convocation.delivery = "paper"
        convocation.posted_at = datetime(2030, 1, 2, 8, 15, tzinfo=UTC)  # as PAPER records it
        convocation.reindexObject()
    transaction.commit()
    line = recipients(seance)[userid("official")]
    assert line["posted_at"] == "2030-01-02T08:15:00+00:00"
    assert line["arrived_at"] is None and line["left_at"] is None

    # An entry indexed before these keys existed reads them as none
    other = [
        item
        for item in seance.objectValues()
        if getattr(item, "recipient", None) == userid("official2")
    ][0]
    catalog = api.portal.get_tool("portal_catalog")._catalog
    rid = catalog.uids["/".join(other.getPhysicalPath())]
    record = list(catalog.data[rid])
    position = catalog.schema["convocation_tracking"]
    record[position] = {
        key: value
        for key, value in record[position].items()
        if key not in ("posted_at", "arrived_at", "left_at")
    }
    catalog.data[rid] = tuple(record)
    transaction.commit()
    line = recipients(seance)[userid("official2")]
    assert (line["posted_at"], line["arrived_at"], line["left_at"]) == (None, None, None)
