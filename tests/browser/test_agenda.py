"""The séance's agenda: its section, « Monter » / « Descendre », and several annexes at once (issue 11)."""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.setuphandlers.demo import pdf
from collective.convocation.setuphandlers.demo import pdf_file
from pdfs import encrypted_pdf
from plone import api
from plone.dexterity.utils import createContentInContainer
from world import PASSWORD
from world import userid

import html
import pytest
import re
import requests
import transaction


AGENDA = [
    # id, number, title, fields
    ("budget", "1", "Budget primitif", {"theme": "Finances", "main": True}),
    ("travaux", "2", "Travaux", {}),
    ("voirie", "2.1", "Voirie", {}),
    ("personnel", "3", "Personnel", {"public": False}),
]


def add_agenda(seance):
    with api.env.adopt_roles(["Manager"]):
        for id_, number, title, fields in AGENDA:
            item = createContentInContainer(
                seance,
                "AgendaItem",
                checkConstraints=False,  # the archived séance takes no new item: it had them
                id=id_,
                number=number,
                title=title,
                theme=fields.get("theme"),
                rapporteur=userid("official"),
                public=fields.get("public", True),
                main_file=pdf_file(f"{id_}.pdf", title) if fields.get("main") else None,
            )
            if id_ == "budget":
                createContentInContainer(
                    item,
                    "File",
                    checkConstraints=False,
                    id="plan",
                    title="Plan de financement",
                    file=pdf_file("plan.pdf", "Plan"),
                )


@pytest.fixture
def site(world_of):
    """The world with an agenda on its draft, notified and archived séances."""
    for state in ("draft", "notified", "archived"):
        add_agenda(world_of.seances[state])
    transaction.commit()
    return world_of


def session(persona):
    browser = requests.Session()
    browser.auth = (userid(persona), PASSWORD)
    return browser


def token(browser, url):
    """The CSRF token of the persona, read from a page they may see."""
    return re.search(r'name="_authenticator" value="([^"]+)"', browser.get(url).text).group(1)


def text(markup):
    """The page's text, on one line, entities read."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def agenda(seance):
    transaction.begin()  # see what the requests committed
    return [
        (item.getId(), item.number)
        for item in seance.objectValues()
        if item.portal_type == "AgendaItem"
    ]


def test_the_agent_reads_the_agenda_numbered_in_order_with_its_documents(site):
    url = site.seances["draft"].absolute_url()
    response = session("agent").get(url + "/@@agenda-section")
    assert response.status_code == 200
    fragment = response.text
    assert fragment.lstrip().startswith(
        '<section id="seance-agenda"'
    )  # a fragment, no page around it
    shown = text(fragment)
    assert shown.startswith("Ordre du jour")
    titles = re.findall(r"Point [\d.]+ - [\w ]+?(?= Thème| Rapporteur| Examen)", shown)
    assert titles == [
        "Point 1 - Budget primitif",
        "Point 2 - Travaux",
        "Point 2.1 - Voirie",
        "Point 3 - Personnel",
    ]
    assert "Thème Finances" in shown
    assert "Rapporteur Odile Officielle" in shown
    assert "Examen en séance publique" in shown
    assert "Examen à huis clos" in shown
    assert f'href="{url}/budget/@@display-file/main_file">Rapport</a>' in fragment
    assert f'href="{url}/budget/plan/@@display-file/file">Plan de financement</a>' in fragment
    assert "Monter : Point 2 - Travaux" in shown
    assert "Descendre : Point 2 - Travaux" in shown
    assert f'href="{url}/travaux/@@ajouter-annexes"' in fragment
    assert "Ajouter des annexes : Point 2 - Travaux" in shown


def test_an_official_reads_the_items_and_documents_only_after_the_receipt(site):
    seance = site.seances["notified"]
    official = session("official")
    before = official.get(seance.absolute_url() + "/@@agenda-section").text
    assert "Ordre du jour" in before
    assert "Budget primitif" not in before and "display-file" not in before
    assert "Aucun point de l'ordre du jour à afficher." in text(before)

    with api.env.adopt_user(userid("official")):
        acknowledge(site.convocations[("notified", "official")])
    transaction.commit()
    after = official.get(seance.absolute_url() + "/@@agenda-section").text
    assert "Point 1 - Budget primitif" in text(after)
    assert "/budget/plan/@@display-file/file" in after
    assert "Monter" not in after and "ajouter-annexes" not in after


def test_an_archived_seance_shows_its_agenda_without_reordering(site):
    fragment = session("agent").get(site.seances["archived"].absolute_url() + "/@@agenda-section")
    assert "Point 3 - Personnel" in text(fragment.text)
    assert "move-agenda-item" not in fragment.text and "ajouter-annexes" not in fragment.text


def move(persona, seance, item, direction, with_token=True):
    browser = session(persona)
    data = {"item": item, "direction": direction}
    if with_token:
        data["_authenticator"] = token(browser, seance.absolute_url() + "/@@agenda-section")
    return browser.post(seance.absolute_url() + "/@@move-agenda-item", data=data)


def test_descendre_moves_an_item_with_its_sub_item_and_renumbers(site):
    seance = site.seances["draft"]
    response = move("agent", seance, "travaux", "down")
    assert response.status_code == 200
    assert response.history[0].headers["Location"] == seance.absolute_url() + "#agenda-travaux"
    assert "Point 3 - Travaux : descendu d'un rang." in text(response.text)
    assert agenda(seance) == [
        ("budget", "1"),
        ("personnel", "2"),
        ("travaux", "3"),
        ("voirie", "3.1"),
    ]
    # The séance's other contents keep their place: the file stays before the agenda.
    assert seance.objectIds().index("rapport") < seance.objectIds().index("budget")

    response = move("agent", seance, "voirie", "up")  # first under its parent
    assert "Point 3.1 - Voirie est déjà en tête de l'ordre du jour." in text(response.text)
    response = move("agent", seance, "budget", "down")
    assert "Point 2 - Budget primitif : descendu d'un rang." in text(response.text)
    assert agenda(seance) == [
        ("personnel", "1"),
        ("budget", "2"),
        ("travaux", "3"),
        ("voirie", "3.1"),
    ]
    fragment = text(session("agent").get(seance.absolute_url() + "/@@agenda-section").text)
    assert fragment.index("Point 1 - Personnel") < fragment.index("Point 2 - Budget primitif")


ORDER = [("budget", "1"), ("travaux", "2"), ("voirie", "2.1"), ("personnel", "3")]


def test_an_unknown_item_is_refused_in_french_and_nothing_moves(site):
    seance = site.seances["draft"]
    response = move("agent", seance, "inconnu", "up")
    assert "Ce point n'est pas à l'ordre du jour de la séance." in text(response.text)
    response = move("agent", seance, "budget", "sideways")
    assert "Choisissez de monter ou de descendre le point." in text(response.text)
    assert agenda(seance) == ORDER


def test_a_move_without_the_token_or_the_right_changes_nothing(site):
    draft, notified, archived = (site.seances[s] for s in ("draft", "notified", "archived"))
    assert move("agent", draft, "travaux", "down", with_token=False).status_code == 403
    assert agenda(draft) == ORDER
    for persona, seance in (("official", notified), ("agent", archived)):
        browser = session(persona)
        data = {
            "item": "travaux",
            "direction": "down",
            "_authenticator": token(browser, notified.absolute_url()),
        }
        response = browser.post(
            seance.absolute_url() + "/@@move-agenda-item", data=data, allow_redirects=False
        )
        assert response.status_code in (
            302,
            401,
            403,
        )  # to the login or « Privilèges insuffisants »
        assert agenda(seance) == ORDER
    response = requests.get(draft.absolute_url() + "/@@move-agenda-item", allow_redirects=False)
    assert response.status_code in (302, 401, 403)


def test_the_rest_apis_ordering_renumbers_too(site):
    seance = site.seances["draft"]
    response = requests.patch(
        seance.absolute_url(),
        json={"ordering": {"obj_id": "personnel", "delta": "top"}},
        auth=(userid("agent"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 204, response.text
    assert agenda(seance) == [
        ("personnel", "1"),
        ("budget", "2"),
        ("travaux", "3"),
        ("voirie", "3.1"),
    ]
    listed = requests.get(
        seance.absolute_url() + "/personnel",
        auth=(userid("agent"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    assert listed["number"] == "1"


def test_an_item_added_keeps_the_number_typed(site):
    seance = site.seances["draft"]
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(seance, "AgendaItem", id="urgent", number="2", title="Urgent")
        api.content.delete(obj=seance["budget"])
    transaction.commit()
    assert [number for _id, number in agenda(seance)] == ["2", "2.1", "3", "2"]


def post_annexes(persona, item, files):
    browser = session(persona)
    url = item.absolute_url() + "/@@ajouter-annexes"
    page = browser.get(url)
    data = {"form.submitted": "1"}
    if page.status_code == 200 and "_authenticator" in page.text:
        data["_authenticator"] = token(browser, url)
    return browser.post(
        url,
        data=data,
        files=[("annexes:list", (name, content, "application/pdf")) for name, content in files],
    )


def annexes(item):
    transaction.begin()
    return [(obj.getId(), obj.Title(), obj.file.filename) for obj in item.objectValues()]


def test_three_pdfs_become_three_annexes_titled_from_their_names(site):
    seance = site.seances["notified"]
    item = seance["travaux"]
    response = post_annexes(
        "agent",
        item,
        [
            ("plan_de_masse.pdf", pdf("Plan de masse")),
            ("devis-entreprise.pdf", pdf("Devis")),
            ("Avis du comité.pdf", pdf("Avis")),
        ],
    )
    assert response.status_code == 200
    assert response.history[0].headers["Location"] == seance.absolute_url() + "#agenda-travaux"
    assert "3 annexes ajoutées." in text(response.text)
    assert [title for _id, title, _name in annexes(item)] == [
        "Plan de masse",
        "Devis entreprise",
        "Avis du comité",
    ]
    fragment = session("agent").get(seance.absolute_url() + "/@@agenda-section").text
    assert (
        f'href="{item[annexes(item)[0][0]].absolute_url()}/@@display-file/file">Plan de masse'
        in (fragment)
    )
    # Documents added after the sending are journaled as one added through the forms is.
    journal = session("agent").get(seance.absolute_url() + "/@@journal.json").text
    assert journal.count("Plan de masse") + journal.count("Devis entreprise") >= 2


def test_one_bad_file_among_three_adds_none_and_names_it(site):
    item = site.seances["draft"]["travaux"]
    response = post_annexes(
        "agent",
        item,
        [
            ("bon.pdf", pdf("Bon")),
            ("pas-un-pdf.pdf", b"Bonjour, ceci n'est pas un PDF."),
            ("protege.pdf", encrypted_pdf()),
        ],
    )
    assert response.status_code == 400
    shown = text(response.text)
    assert "Aucune annexe n'a été ajoutée" in shown
    assert "« pas-un-pdf.pdf » : Ce fichier n'est pas un PDF lisible." in shown
    assert "« protege.pdf » : Ce PDF est protégé par un mot de passe" in shown
    assert "« bon.pdf »" not in shown
    assert annexes(item) == []


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("vide.pdf", b"", "Le fichier est vide."),
        ("tableau.xlsx", b"PK\x03\x04 un tableur", "Ce fichier n'est pas un PDF lisible."),
    ],
)
def test_an_empty_file_or_a_non_pdf_is_refused(site, name, content, reason):
    item = site.seances["draft"]["travaux"]
    response = post_annexes("agent", item, [(name, content)])
    assert response.status_code == 400
    assert f"« {name} » : {reason}" in text(response.text)
    assert annexes(item) == []


def test_no_file_chosen_is_refused(site):
    item = site.seances["draft"]["travaux"]
    response = post_annexes("agent", item, [])
    assert "Choisissez un ou plusieurs fichiers PDF." in text(response.text)
    assert annexes(item) == []


def test_an_official_may_not_add_annexes(site):
    item = site.seances["notified"]["travaux"]
    with api.env.adopt_user(userid("official")):
        acknowledge(site.convocations[("notified", "official")])
    transaction.commit()
    browser = session("official")
    url = item.absolute_url() + "/@@ajouter-annexes"
    assert browser.get(url, allow_redirects=False).status_code in (302, 401, 403)
    response = browser.post(
        url,
        data={
            "form.submitted": "1",
            "_authenticator": token(browser, item.aq_parent.absolute_url()),
        },
        files=[("annexes:list", ("a.pdf", pdf("A"), "application/pdf"))],
        allow_redirects=False,
    )
    assert response.status_code in (302, 401, 403)
    assert annexes(item) == []


def test_no_annexes_on_an_archived_seance(site):
    item = site.seances["archived"]["travaux"]
    response = session("agent").get(
        item.absolute_url() + "/@@ajouter-annexes", allow_redirects=False
    )
    assert response.status_code in (302, 401, 403)


def test_an_items_page_shows_its_facts_and_documents(site):
    url = site.seances["draft"].absolute_url()
    page = session("agent").get(url + "/budget")
    assert page.status_code == 200
    shown = text(page.text)
    assert "Point 1 - Budget primitif" in shown
    assert "Thème Finances Rapporteur Odile Officielle Examen en séance publique" in shown
    assert f'href="{url}/budget/@@display-file/main_file">Rapport</a>' in page.text
    assert f'href="{url}/budget/plan/@@display-file/file">Plan de financement</a>' in page.text
    assert f'href="{url}/budget/@@ajouter-annexes"' in page.text
    assert f'href="{url}#agenda-budget"' in page.text
    assert 'id="form-widgets-number"' not in page.text  # not Dexterity's raw fields
