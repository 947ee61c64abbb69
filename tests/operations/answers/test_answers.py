"""Receipt and attendance over REST, persona by persona, with every refusal of the rules (issue 4, item 3)."""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from collective.convocation.operations.answers import AnswerRefused
from plone import api
from plone.app.testing import login
from world import PASSWORD
from world import userid

import pytest
import requests


def call(method, persona, url, **json):
    auth = None if persona == "anonymous" else (userid(persona), PASSWORD)
    return requests.request(
        method,
        url,
        auth=auth,
        headers={"Accept": "application/json"},
        json=json or None,
        timeout=60,
    )


def message(response):
    return response.json()["error"]["message"]


def test_my_convocations(urls):
    upcoming = call("GET", "official", urls["portal"] + "/@my-convocations").json()
    assert [item["seance"]["title"] for item in upcoming["items"]] == ["Séance notified"]
    item = upcoming["items"][0]
    assert item["@id"] == urls["notified-official"]
    assert (item["collectivity"], item["assembly"], item["category"]) == (
        "Ville A",
        "Conseil municipal",
        "convocation",
    )
    assert (item["received"], item["attendance"], item["seance"]["location"]) == (
        False,
        "unanswered",
        "Salle du conseil",
    )
    past = call("GET", "official", urls["portal"] + "/@my-convocations?period=past").json()
    assert [item["seance"]["state"] for item in past["items"]] == [
        "cancelled",
        "archived",
    ]  # latest first
    invitee = call("GET", "invitee", urls["portal"] + "/@my-convocations").json()
    assert [item["category"] for item in invitee["items"]] == ["invitation"]
    assert call("GET", "other_agent", urls["portal"] + "/@my-convocations").json()["items"] == []
    assert call("GET", "anonymous", urls["portal"] + "/@my-convocations").status_code == 401
    assert (
        call("GET", "official", urls["portal"] + "/@my-convocations?period=demain").status_code
        == 400
    )


@pytest.mark.parametrize(
    "persona,status",
    [
        ("official", 200),
        ("official2", 401),
        ("agent", 401),
        ("other_agent", 401),
        ("anonymous", 401),
        ("invitee", 401),
    ],
)
def test_only_the_recipient_acknowledges(urls, persona, status):
    assert call("POST", persona, urls["notified-official"] + "/@receipt").status_code == status


def test_receipt_is_recorded_once(urls):
    first = call("POST", "official", urls["notified-official"] + "/@receipt").json()
    again = call("POST", "official", urls["notified-official"] + "/@receipt").json()
    assert first == again and first["received_via"] == "api"
    upcoming = call("GET", "official", urls["portal"] + "/@my-convocations").json()
    assert upcoming["items"][0]["received"] is True


def test_attendance_rules(urls):
    mine, theirs = urls["notified-official"], urls["notified-official2"]
    post = lambda persona, url, **data: call("POST", persona, url + "/@attendance", **data)  # noqa: E731
    refused = post("official", mine, attendance="present")
    assert refused.status_code == 400
    assert message(refused) == "Accusez d'abord réception de la convocation."
    for persona, url in (
        ("official", mine),
        ("official2", theirs),
        ("invitee", urls["notified-invitee"]),
    ):
        call("POST", persona, url + "/@receipt")

    state = call("GET", "official", mine + "/@attendance").json()
    assert state["allowed"] == ["present", "absent", "proxy"]  # no remote, no suppléant here
    assert [c["id"] for c in state["proxy_candidates"]] == ["official2@ville-a"]
    assert state["open"] is True

    assert (
        message(post("official", mine, attendance="remote"))
        == "Cette réponse n'est pas proposée pour cette séance : « remote »."
    )
    assert (
        message(post("official", mine, attendance="proxy"))
        == "Choisissez l'élu qui portera votre pouvoir."
    )
    assert (
        message(post("official", mine, attendance="proxy", proxy_holder="official@ville-a"))
        == "Vous ne pouvez pas vous donner pouvoir à vous-même."
    )
    assert (
        message(post("official", mine, attendance="proxy", proxy_holder="invitee@ville-a"))
        == "Le mandataire doit être un élu convoqué à cette séance."
    )
    assert (
        message(post("official", mine, attendance="peut-être")) == "Réponse inconnue « peut-être »."
    )

    given = post("official", mine, attendance="proxy", proxy_holder="official2@ville-a")
    assert given.status_code == 200 and given.json()["proxy_holder"] == "official2@ville-a"
    # The holder must attend to carry the proxy, and cannot give one on.
    assert message(post("official2", theirs, attendance="absent")) == (
        "Vous détenez le pouvoir d'Odile Officielle : pour être absent, demandez-lui de choisir un autre mandataire."
    )
    changed = post("official", mine, attendance="present")
    assert changed.status_code == 200
    history = changed.json()["history"]
    assert [(entry["attendance"], entry["proxy_holder"]) for entry in history] == [
        ("proxy", "official2@ville-a"),
        ("present", ""),
    ]
    assert post("official2", theirs, attendance="absent").status_code == 200
    # An official who will be absent cannot hold a proxy any more.
    assert message(
        post("official", mine, attendance="proxy", proxy_holder="official2@ville-a")
    ) == ("Oscar Second ne sera pas présent à la séance et ne peut pas porter votre pouvoir.")

    # Invitees answer present or absent only.
    assert message(
        post(
            "invitee", urls["notified-invitee"], attendance="proxy", proxy_holder="official@ville-a"
        )
    ).startswith("Cette réponse n'est pas proposée")
    assert post("invitee", urls["notified-invitee"], attendance="present").status_code == 200
    # Nobody answers for someone else; nobody answers once the séance is archived.
    assert post("official2", mine, attendance="absent").status_code == 401
    assert post("official", urls["archived-official"], attendance="present").status_code == 401


def test_a_proxy_tells_the_agents(world, portal):
    seance = world.seances["notified"]
    convocation = world.convocations[("notified", "official")]
    login(portal, userid("official"))
    acknowledge(convocation)
    portal.MailHost.reset()
    answer(convocation, "proxy", userid("official2"))
    to = sorted(message_to(raw) for raw in portal.MailHost.messages)
    assert to == ["agent@example.org", "official@example.org"]  # and the official's confirmation
    with pytest.raises(AnswerRefused):
        answer(convocation, "proxy", userid("colleague"))  # not convoked: her mandate ended
    assert convocation.proxy_holder == userid("official2")  # nothing written
    assert api.content.get_state(seance) == "notified"


def message_to(raw):
    from email import message_from_bytes
    from email import policy

    return message_from_bytes(raw, policy=policy.default)["To"].addresses[0].addr_spec


def test_a_recipient_gets_the_seance_with_its_documents_once_received(urls):
    seance_url = urls["notified-official"].rsplit("/", 1)[0]
    before = call("GET", "official", seance_url).json()
    assert before["title"] == "Séance notified"
    assert "convocation_file" not in before or before["convocation_file"] is None
    assert [item["@id"] for item in before["items"]] == [
        urls["notified-official"]
    ]  # no document yet
    call("POST", "official", urls["notified-official"] + "/@receipt")
    after = call("GET", "official", seance_url).json()
    assert after["convocation_file"]["filename"] == "convocation.pdf"
    assert {item["title"] for item in after["items"]} == {
        "Rapport",
        "Odile Officielle",
    }  # not the others' convocations
    document = requests.get(
        after["convocation_file"]["download"], auth=(userid("official"), PASSWORD), timeout=30
    )
    assert document.content.startswith(b"%PDF")
    assert call("GET", "colleague", seance_url).status_code == 401


@pytest.mark.parametrize(
    "persona,status",
    [
        ("official", 200),
        ("agent", 200),
        ("admin", 200),
        ("official2", 401),
        ("invitee", 401),
        ("colleague", 401),
        ("other_agent", 401),
        ("anonymous", 401),
    ],
)
def test_who_reads_an_official_attendance(urls, persona, status):
    response = call("GET", persona, urls["notified-official"] + "/@attendance")
    assert response.status_code == status
    if status == 200:
        assert response.json()["attendance"] == "unanswered"


@pytest.mark.parametrize(
    "persona,status",
    [
        ("official", 200),
        ("official2", 401),
        ("invitee", 401),
        ("colleague", 401),
        ("agent", 401),
        ("admin", 401),
        ("other_agent", 401),
        ("anonymous", 401),
    ],
)
def test_who_answers_an_official_convocation(urls, persona, status):
    if persona == "official":
        call("POST", "official", urls["notified-official"] + "/@receipt")
    response = call(
        "POST", persona, urls["notified-official"] + "/@attendance", attendance="absent"
    )
    assert response.status_code == status
    if status == 401:
        assert (
            message_of(response)
            == "Vous n'êtes pas autorisé à faire ceci : connectez-vous avec un compte qui y a accès."
        )


def message_of(response):
    body = response.json()
    return body["error"]["message"] if "error" in body else body["message"]


@pytest.mark.parametrize(
    "persona,count",
    [
        ("official", 1),
        ("official2", 1),
        ("invitee", 1),
        ("colleague", 0),
        ("agent", 0),
        ("admin", 0),
        ("other_agent", 0),
    ],
)
def test_my_convocations_are_only_mine(urls, persona, count):
    items = call("GET", persona, urls["portal"] + "/@my-convocations").json()["items"]
    assert len(items) == count
    assert all(
        item["@id"].endswith(userid(persona).replace("@", "-").replace(".", "-")) for item in items
    )


def test_answers_are_read_only_once_the_seance_has_started(world, portal):
    from datetime import timedelta

    convocation = world.convocations[("notified", "official")]
    login(portal, userid("official"))
    acknowledge(convocation)
    answer(convocation, "present")
    with pytest.raises(AnswerRefused) as refused:
        answer(convocation, "absent", now=world.seances["notified"].start + timedelta(minutes=1))
    assert refused.value.message == "La séance a commencé : les réponses ne peuvent plus changer."
    assert convocation.attendance == "present"


def test_a_titular_replaced_by_the_deputy_convokes_the_suppleant(world, portal):
    from datetime import date
    from plone.dexterity.utils import createContentInContainer

    seance = world.seances["notified"]
    titular = world.convocations[("notified", "official")]
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(
            world.council,
            "Mandate",
            official=userid("colleague"),
            function="Suppléante",
            seat="deputy",
            deputy_of=titular.mandate,
            start=date(2026, 3, 22),
        )
    login(portal, userid("official"))
    acknowledge(titular)
    portal.MailHost.reset()
    answer(titular, "deputy")
    deputy = seance["convocation-colleague-ville-a"]
    assert (deputy.recipient, deputy.category, deputy.delivery) == (
        userid("colleague"),
        "convocation",
        "sent",  # handed to the test's MailHost, which has no queue
    )
    assert "Official" in seance.get_local_roles_for_userid(userid("colleague"))
    assert sorted(message_to(raw) for raw in portal.MailHost.messages) == [
        "colleague@example.org",
        "official@example.org",  # the titular's confirmation
    ]
