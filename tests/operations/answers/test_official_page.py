"""The séance page as its official reads it: proxies held, no dead end, her civility, the deadline, reading, a cancellation (issue 11, items 7-8)."""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from email import message_from_bytes
from email import policy
from lxml import html
from plone import api
from plone.app.testing import login
from world import PASSWORD
from world import userid

import pytest
import re
import requests
import transaction


def auth(persona):
    return (userid(persona), PASSWORD)


def page(persona, url):
    response = requests.get(url, auth=auth(persona), timeout=60)
    assert response.status_code == 200, response.status_code
    return response


def panel_text(persona, url):
    tree = html.fromstring(page(persona, url).text)
    return " ".join(tree.xpath("string(//section[contains(@class, 'convocation-panel')])").split())


def refused(response):
    """Plone's answer to a logged-in user without the right: « Privilèges insuffisants », no file."""
    return (
        response.headers["Content-Type"].startswith("text/html")
        and "Privilèges insuffisants" in response.text
    )


def rest(method, persona, url, **json):
    return requests.request(
        method,
        url,
        auth=auth(persona),
        headers={"Accept": "application/json"},
        json=json or None,
        timeout=60,
    )


def post_form(persona, seance_url, action, **fields):
    """Post the panel's form as the browser does, with the page's authenticator; follows the redirect."""
    token = re.search(r'name="_authenticator" value="([^"]+)"', page(persona, seance_url).text)
    return requests.post(
        action,
        data={"_authenticator": token.group(1), **fields},
        auth=auth(persona),
        timeout=60,
    )


def test_a_proxy_holder_reads_whose_proxy_she_holds(urls):
    mine, theirs = urls["notified-official"], urls["notified-official2"]
    for persona, url in (("official", mine), ("official2", theirs)):
        rest("POST", persona, url + "/@receipt")
    assert rest("GET", "official2", theirs + "/@attendance").json()["proxies_held"] == []
    given = rest(
        "POST",
        "official",
        mine + "/@attendance",
        attendance="proxy",
        proxy_holder=userid("official2"),
    )
    assert given.status_code == 200
    held = rest("GET", "official2", theirs + "/@attendance").json()["proxies_held"]
    assert held == [{"id": userid("official"), "name": "Odile Officielle"}]
    assert "Vous détenez le pouvoir d'Odile Officielle." in panel_text(
        "official2", urls["seance-notified"]
    )
    assert "Vous détenez le pouvoir" not in panel_text("official", urls["seance-notified"])
    # She must attend to carry it: neither absent nor a proxy of her own is offered.
    assert rest("GET", "official2", theirs + "/@attendance").json()["allowed"] == ["present"]
    assert "Absent" not in panel_text("official2", urls["seance-notified"])


def test_no_proxy_is_offered_without_a_colleague_to_hold_it(urls):
    mine, theirs = urls["notified-official"], urls["notified-official2"]
    for persona, url in (("official", mine), ("official2", theirs)):
        rest("POST", persona, url + "/@receipt")
    assert (
        rest("POST", "official2", theirs + "/@attendance", attendance="absent").status_code == 200
    )
    state = rest("GET", "official", mine + "/@attendance").json()
    assert state["proxy_candidates"] == []
    assert state["allowed"] == ["present", "absent"]
    text = panel_text("official", urls["seance-notified"])
    assert "Donne pouvoir" not in text and "Mandataire" not in text
    assert "Présent" in text and "Absent" in text


def test_a_refused_answer_keeps_what_was_chosen(urls):
    mine = urls["notified-official"]
    for persona, url in (("official", mine), ("official2", urls["notified-official2"])):
        rest("POST", persona, url + "/@receipt")
    response = post_form(
        "official",
        urls["seance-notified"],
        mine + "/@@attendance",
        attendance="proxy",
        proxy_holder="",
    )
    assert "Choisissez l'élu qui portera votre pouvoir." in response.text
    tree = html.fromstring(response.text)
    assert tree.xpath("//input[@id='attendance-proxy']/@checked")
    assert rest("GET", "official", mine + "/@attendance").json()["attendance"] == "unanswered"
    # A refused holder stays selected too.
    rest("POST", "official2", urls["notified-official2"] + "/@attendance", attendance="present")
    response = post_form(
        "official",
        urls["seance-notified"],
        mine + "/@@attendance",
        attendance="proxy",
        proxy_holder=userid("official2"),
    )
    tree = html.fromstring(response.text)
    assert tree.xpath("//select[@name='proxy_holder']/option[@selected]/text()") == ["Oscar Second"]
    # Nothing sent is shown raw: an unknown value checks nothing.
    response = post_form(
        "official", urls["seance-notified"], mine + "/@@attendance", attendance='"><b>x</b>'
    )
    assert "<b>x</b>" not in response.text
    assert not html.fromstring(response.text).xpath("//input[@name='attendance'][@checked]")


def test_the_wording_follows_her_civility(functional, urls):
    with api.env.adopt_roles(["Manager"]):
        api.user.get(userid=userid("official")).setMemberProperties({"civility": "Mme"})
    transaction.commit()
    rest("POST", "official", urls["notified-official"] + "/@receipt")
    rest("POST", "official2", urls["notified-official2"] + "/@receipt")
    hers = panel_text("official", urls["seance-notified"])
    assert "Serez-vous présente ?" in hers
    assert "Présente" in hers and "Absente" in hers
    his = panel_text("official2", urls["seance-notified"])
    assert "Serez-vous présent ?" in his and "Absente" not in his
    rest("POST", "official", urls["notified-official"] + "/@attendance", attendance="absent")
    assert "Votre réponse : Absente" in panel_text("official", urls["seance-notified"])
    mine = requests.get(urls["portal"] + "/@@mes-convocations", auth=auth("official"), timeout=60)
    assert "Répondu : Absente" in mine.text


def test_the_deadline_to_answer_is_shown(urls):
    rest("POST", "official", urls["notified-official"] + "/@receipt")
    state = rest("GET", "official", urls["notified-official"] + "/@attendance").json()
    assert state["answer_before"] == "2030-06-02T18:30:00+02:00"
    text = panel_text("official", urls["seance-notified"])
    assert "Répondre avant le dimanche 2 juin 2030 à 18h30." in text  # the séance's start, in Paris


def test_documents_open_in_the_browser_and_the_dossier_once_received(urls):
    convocation = urls["notified-official"]
    dossier = convocation + "/@@mon-dossier.pdf"
    assert refused(requests.get(dossier, auth=auth("official"), timeout=60))
    rest("POST", "official", convocation + "/@receipt")
    tree = html.fromstring(page("official", urls["seance-notified"]).text)
    links = tree.xpath("//ul[contains(@class, 'convocation-documents')]//a/@href")
    assert links and all("/@@display-file/" in link for link in links)
    shown = requests.get(links[0], auth=auth("official"), timeout=60)
    assert shown.headers["Content-Type"].startswith("application/pdf")
    assert shown.headers["Content-Disposition"].startswith("inline")
    assert tree.xpath("//a[normalize-space()='Télécharger tout le dossier (PDF)']/@href") == [
        dossier
    ]
    merged = requests.get(dossier, auth=auth("official"), timeout=60)
    assert merged.status_code == 200 and merged.content.startswith(b"%PDF")
    assert refused(requests.get(dossier, auth=auth("official2"), timeout=60))


def test_add_to_my_calendar(urls):
    rest("POST", "official", urls["notified-official"] + "/@receipt")
    tree = html.fromstring(page("official", urls["seance-notified"]).text)
    (link,) = tree.xpath("//a[normalize-space()='Ajouter à mon agenda']/@href")
    assert link == urls["notified-official"] + "/@@seance.ics"
    response = requests.get(link, auth=auth("official"), timeout=60)
    assert response.headers["Content-Type"].startswith("text/calendar")
    assert 'filename="seance-' in response.headers["Content-Disposition"]
    body = response.text
    assert "BEGIN:VEVENT" in body and "DTSTART;TZID=Europe/Paris:20300602T183000" in body
    assert "SUMMARY:Conseil municipal — Ville A" in body
    assert refused(requests.get(link, auth=auth("official2"), timeout=60))


def test_a_cancelled_seance_says_so_with_its_reason(urls):
    text = panel_text("official", urls["seance-cancelled"])
    assert "Annulée Cette séance est annulée." in text
    assert "Motif : Le quorum ne sera pas atteint." in text
    assert "close" not in text and "J'accuse réception" not in text
    mine = html.fromstring(
        requests.get(urls["portal"] + "/@@mes-convocations", auth=auth("official"), timeout=60).text
    )
    cards = [
        " ".join(article.text_content().split())
        for article in mine.xpath("//article[contains(@class, 'card')]")
        if "Séance cancelled" in article.text_content()
    ]
    (card,) = cards
    assert "Annulée" in card and "À accuser réception" not in card
    # An archived séance is no longer to acknowledge either.
    (archived,) = [
        " ".join(article.text_content().split())
        for article in mine.xpath("//article[contains(@class, 'card')]")
        if "Séance archived" in article.text_content()
    ]
    assert "Réception non accusée" in archived and "À accuser réception" not in archived
    upcoming = rest("GET", "official", urls["portal"] + "/@my-convocations").json()["items"]
    assert "Séance cancelled" not in [item["seance"]["title"] for item in upcoming]


def test_my_convocations_is_in_the_main_navigation_of_those_convoked(urls):
    def tabs(persona):
        tree = html.fromstring(page(persona, urls["portal"]).text)
        return [
            " ".join(a.text_content().split()) for a in tree.xpath("//*[@id='portal-globalnav']//a")
        ]

    assert "Mes convocations" in tabs("official")
    assert "Mes convocations" in tabs("invitee")
    assert "Mes convocations" not in tabs("agent")


def test_her_confirmation_mail_agrees_with_her_civility(world, portal):
    convocation = world.convocations[("notified", "official")]
    api.user.get(userid=userid("official")).setMemberProperties({"civility": "Mme"})
    login(portal, userid("official"))
    acknowledge(convocation)
    portal.MailHost.reset()
    answer(convocation, "present")
    (confirmation,) = portal.MailHost.messages
    text = (
        message_from_bytes(confirmation, policy=policy.default).get_body(("plain",)).get_content()
    )
    assert "Présente." in text


@pytest.mark.parametrize(
    "came_from,lands",
    [
        (None, "mes-convocations"),
        ("", "mes-convocations"),
        ("{portal}", "mes-convocations"),
        ("{portal}/", "mes-convocations"),
        ("{portal}/login", "mes-convocations"),
        ("{portal}/logged_out", "mes-convocations"),  # the pop-up, opened after logging out
        ("{portal}/login_form?x=1", "mes-convocations"),
        ("{seance}", "{seance}"),  # a page she was heading to (an older mail's link): it wins
        # The mail's link: « Mes convocations », scrolled to the convocation it names.
        (
            "{portal}/@@mes-convocations?convocation={uid}",
            "{portal}/@@mes-convocations?convocation={uid}#convocation-{uid}",
        ),
        (  # as Plone's login form keeps it: a path
            "{path}/@@mes-convocations?convocation={uid}",
            "{portal}/@@mes-convocations?convocation={uid}#convocation-{uid}",
        ),
        ("{portal}/@@mes-convocations?convocation=nonsense", "mes-convocations"),
        ("{portal}/@@mes-convocations?convocation={uid}&convocation={uid}", "mes-convocations"),
    ],
)
def test_every_login_path_lands_an_official_on_her_convocations(world, portal, came_from, lands):
    from collective.convocation.browser.landing import ToMyConvocations

    values = {
        "portal": portal.absolute_url(),
        "seance": world.seances["notified"].absolute_url(),
        "uid": world.convocations[("notified", "official")].UID(),
        "path": "/".join(portal.getPhysicalPath()),
    }
    login(portal, userid("official"))
    landed = ToMyConvocations(portal, portal.REQUEST)(
        came_from=came_from.format(**values) if came_from else came_from
    )
    expected = (
        f"{values['portal']}/@@mes-convocations"
        if lands == "mes-convocations"
        else lands.format(**values)
    )
    assert landed == expected
