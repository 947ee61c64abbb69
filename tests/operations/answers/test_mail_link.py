"""The convocation mail's link: « Mes convocations », its convocation first, the receipt one click away (issue 11)."""

from collective.convocation.operations.mails import compose
from email import message_from_bytes
from email import policy
from lxml import html
from world import PASSWORD
from world import userid

import pytest
import re
import requests


def mails_to(portal, persona):
    """(subject, plain text) of each mail ``persona`` was sent."""
    for raw in portal.MailHost.messages:
        mail = message_from_bytes(raw, policy=policy.default)
        if mail["To"].addresses[0].addr_spec == f"{persona}@example.org":
            yield mail["Subject"], mail.get_body(("plain",)).get_content()


def link_in(text):
    return re.search(r"https?://\S+@@mes-convocations\S*", text).group(0)


@pytest.mark.parametrize("persona,kind", [("official", "Convocation"), ("invitee", "Invitation")])
def test_the_sent_mail_links_to_my_convocations_naming_its_convocation(
    world, portal, persona, kind
):
    convocation = world.convocations[("notified", persona)]
    # The world sent several séances: this one's mail is the one naming its convocation.
    (text,) = [
        text
        for subject, text in mails_to(portal, persona)
        if subject.startswith(kind) and convocation.UID() in text
    ]
    assert link_in(text) == (
        f"{portal.absolute_url()}/@@mes-convocations?convocation={convocation.UID()}"
    )
    assert world.seances["notified"].absolute_url() not in text


def test_the_reminder_links_there_too_and_urlseance_keeps_its_meaning(world, portal):
    convocation = world.convocations[("notified", "official")]
    mine = f"{portal.absolute_url()}/@@mes-convocations?convocation={convocation.UID()}"
    reminder = compose(convocation, "reminder").get_body(("plain",)).get_content()
    assert "Merci d'en accuser réception et d'indiquer votre présence :\n" + mine in reminder
    # A template an agent wrote keeps the séance's address; no stored template is rewritten.
    world.council.convocation_body = "Documents : #urlseance#\nRéception : #urlmesconvocations#"
    text = compose(convocation, "convocation").get_body(("plain",)).get_content()
    assert f"Documents : {world.seances['notified'].absolute_url()}\n" in text
    assert f"Réception : {mine}" in text


def auth(persona):
    return (userid(persona), PASSWORD)


def my_convocations(persona, portal_url, **query):
    response = requests.get(
        f"{portal_url}/@@mes-convocations", params=query, auth=auth(persona), timeout=60
    )
    assert response.status_code == 200, response.status_code
    return response


def cards(response):
    """The upcoming séances' cards: (id, text, receipt button's accessible name) each, in order."""
    tree = html.fromstring(response.text)
    return [
        (
            card.get("id"),
            " ".join(card.text_content().split()),
            " ".join(card.xpath("string(.//form//button)").split()),
        )
        for card in tree.xpath("//section[@aria-labelledby='period-upcoming']//article")
    ]


def received(persona, convocation_url):
    return (
        requests.get(
            f"{convocation_url}/@attendance",
            auth=auth(persona),
            headers={"Accept": "application/json"},
            timeout=60,
        ).json()["received_at"]
        is not None
    )


def test_the_named_card_comes_first_marked_and_its_receipt_is_one_click(urls, world_of):
    uid = world_of.convocations[("notified", "official")].UID()
    page = my_convocations("official", urls["portal"], convocation=uid)
    (first, *_others) = cards(page)
    assert first[0] == f"convocation-{uid}"
    assert first[1].startswith("Nouvelle convocation Ville A — Conseil municipal Séance notified")
    assert "À accuser réception" in first[1]
    assert first[2] == "J'accuse réception – Séance notified"  # names the séance it acknowledges
    tree = html.fromstring(page.text)
    (form,) = tree.xpath(f"//article[@id='convocation-{uid}']//form")
    fields = dict(form.form_values())
    assert form.get("action") == urls["notified-official"] + "/@@receipt"
    assert fields["came_from"] == urls["portal"] + "/@@mes-convocations"

    response = requests.post(
        form.get("action"), data=fields, auth=auth("official"), timeout=60
    )  # the click
    assert response.url == f"{urls['portal']}/@@mes-convocations?convocation={uid}"
    assert "Votre accusé de réception est enregistré" in response.text
    (first, *_others) = cards(response)
    assert "Réception accusée" in first[1] and first[2] == ""  # no button any more
    assert received("official", urls["notified-official"])


def test_the_receipt_without_the_token_is_refused(urls, world_of):
    page = my_convocations("official", urls["portal"])
    form = html.fromstring(page.text).xpath("//article//form")[0]
    fields = {k: v for k, v in form.form_values() if k != "_authenticator"}
    response = requests.post(form.get("action"), data=fields, auth=auth("official"), timeout=60)
    assert response.status_code == 403
    assert not received("official", urls["notified-official"])


def test_it_never_sends_one_elsewhere(urls, world_of):
    """Only « Mes convocations » is a place to come back to: any other came_from leads to the séance."""
    page = my_convocations("official", urls["portal"])
    form = html.fromstring(page.text).xpath("//article//form")[0]
    fields = {
        **dict(form.form_values()),
        "came_from": "https://ailleurs.example/@@mes-convocations",
    }
    response = requests.post(form.get("action"), data=fields, auth=auth("official"), timeout=60)
    assert response.url == urls["seance-notified"]


@pytest.mark.parametrize("named", ["official2", "not-a-uid", "../../ville-b", ""])
def test_what_is_not_one_of_hers_is_ignored(urls, world_of, named):
    value = (
        world_of.convocations[("notified", "official2")].UID() if named == "official2" else named
    )
    page = my_convocations("official", urls["portal"], convocation=value)
    assert cards(page) == cards(my_convocations("official", urls["portal"]))
    assert "Nouvelle convocation" not in page.text
    assert not html.fromstring(page.text).xpath("//article[contains(@class, 'card')][@id]")


def test_a_past_one_of_hers_heads_the_past_seances_unmarked(urls, world_of):
    uid = world_of.convocations[("cancelled", "official")].UID()
    page = my_convocations("official", urls["portal"], convocation=uid)
    past = html.fromstring(page.text).xpath("//section[@aria-labelledby='period-past']//article")
    assert past[0].get("id") == f"convocation-{uid}"
    assert "Annulée" in past[0].text_content()
    assert "Nouvelle convocation" not in page.text  # nothing new about a cancelled séance
