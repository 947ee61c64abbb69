"""Text that users typed, hostile or careless, downloaded as the agent does: PDFs, CSVs, over REST and pages.

The officials type their own names (``PATCH @users/<id>``, Plone's personal
information form); the agents type titles, places, functions, groups and a
questionnaire; a name with a line break is stored on one line.
"""

from io import BytesIO
from pdfs import pages
from PIL import Image
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from pypdf import PdfReader
from world import browser_as
from world import build
from world import PASSWORD
from world import userid

import base64
import csv
import io
import pytest
import requests
import transaction


FORMULAS = ("=", "+", "-", "@", "\t", "\r")


def rest(method, persona, url, **kwargs):
    return requests.request(
        method,
        url,
        auth=(userid(persona), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
        **kwargs,
    )


def spreadsheet(response):
    """The CSV as a spreadsheet reads it: UTF-8 with BOM, ";"."""
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )


def pdf(response):
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def flat(text):
    return "".join(text.split())


@pytest.fixture
def secret(tmp_path):
    """An image file of the server, that markup in a name could embed."""
    path = tmp_path / "secret.png"
    Image.new("RGB", (60, 60), "red").save(path)
    return str(path)


@pytest.fixture
def hostile(functional, secret):
    """The notified séance, where officials and agents typed markup and formulas."""
    world = build(functional["portal"])
    seance = world.seances["notified"]
    texts = {
        "title": "Conseil <municipal> & co",
        "location": f'<img src="{secret}" width="300" height="300"/> Salle & annexe',
        "function": '<font size="40" color="red">Adjoint</font>',
        "group": "<para>Groupe</para> =1+1",
        "file": f'Tarifs <img src="{secret}"/> & <b>grille</b>',
    }
    with api.env.adopt_roles(["Manager"]):
        seance.title = texts["title"]
        seance.location = texts["location"]
        for mandate in world.council.objectValues():
            if getattr(mandate, "portal_type", "") == "Mandate":
                mandate.function = texts["function"]
                mandate.group = texts["group"]
        createContentInContainer(
            seance,
            "File",
            title=texts["file"],
            file=NamedBlobFile(b"PK\x03\x04 docx", filename="<grille>&.docx"),
        )
        seance.reindexObject()
    transaction.commit()
    # The officials type their own names, over REST.
    names = {
        "official": {"first_name": f'<img src="{secret}"/>', "last_name": '=HYPERLINK("http://x")'},
        "official2": {"first_name": "-2", "last_name": "@SUM(A1)"},
    }
    for persona, properties in names.items():
        response = rest(
            "PATCH",
            persona,
            f"{functional['portal'].absolute_url()}/@users/{userid(persona)}",
            json=properties,
        )
        assert response.status_code == 204, response.text
    return {"seance": seance.absolute_url(), "texts": texts, "world": world}


def test_the_emargement_pdf_prints_the_markup_as_text_and_embeds_no_file(hostile, secret):
    reader = pdf(rest("GET", "agent", hostile["seance"] + "/@emargement?format=pdf"))
    assert sum(len(page.images) for page in reader.pages) == 0
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for typed in (*hostile["texts"].values(), f'<img src="{secret}"/>', "@SUM(A1)"):
        if typed != hostile["texts"]["file"]:
            assert flat(typed) in text, typed


def test_the_emargement_csv_shows_formulas_as_text(hostile):
    table = spreadsheet(rest("GET", "agent", hostile["seance"] + "/@emargement?format=csv"))
    by_name = {row[0]: row for row in table[1:]}
    assert by_name['\'=HYPERLINK("http://x")'][2] == hostile["texts"]["function"]
    assert by_name["'@SUM(A1)"][1] == "'-2"
    assert by_name["'@SUM(A1)"][3] == "<para>Groupe</para> =1+1"  # a formula only at the start
    assert not any(cell.startswith(FORMULAS) for row in table for cell in row)


def test_the_dossier_lists_a_hostile_file_title_as_text(hostile):
    reader = pdf(rest("GET", "agent", hostile["seance"] + "/@dossier"))
    assert sum(len(page.images) for page in reader.pages) == 0
    first = flat(reader.pages[0].extract_text())
    assert flat(hostile["texts"]["file"]) in first and "<grille>&.docx" in first


QUESTIONNAIRE = """<model xmlns="http://namespaces.plone.org/supermodel/schema">
  <schema>
    <field name="remarque" type="zope.schema.TextLine">
      <title>@Remarque</title>
      <required>False</required>
    </field>
  </schema>
</model>
"""


def test_the_questionnaire_answers_csv_shows_formulas_as_text(hostile, functional, secret):
    seance = hostile["world"].seances["notified"]
    with api.env.adopt_user(username=userid("agent")):
        form = api.content.create(container=seance, type="EasyForm", id="avis", title="Avis")
    form.fields_model = QUESTIONNAIRE
    transaction.commit()
    answers = {"official": '=HYPERLINK("http://x")', "official2": "\t=1"}
    for persona, answer in answers.items():
        convocation = hostile["world"].convocations[("notified", persona)].absolute_url()
        assert rest("POST", persona, convocation + "/@receipt").status_code == 200
        browser = browser_as(functional["app"], userid(persona))
        browser.open(form.absolute_url())
        browser.getControl(name="form.widgets.remarque").value = answer
        browser.getControl(name="form.buttons.submit").click()
    agent = requests.get(
        form.absolute_url() + "/@@questionnaire-answers.csv",
        auth=(userid("agent"), PASSWORD),
        timeout=60,
    )
    table = spreadsheet(agent)
    assert table[0] == ["Nom", "Prénom", "'@Remarque"]
    assert table[1:] == [
        ['\'=HYPERLINK("http://x")', f'<img src="{secret}"/>', '\'=HYPERLINK("http://x")'],
        ["'@SUM(A1)", "'-2", "'=1"],  # the form strips the tab; the formula stays text
    ]


def stored(persona, name):
    transaction.begin()  # what the other threads committed
    return api.user.get(userid=userid(persona)).getProperty(name)


def test_a_name_typed_with_a_line_break_is_stored_on_one_line(functional):
    build(functional["portal"])
    transaction.commit()
    portal_url = functional["portal"].absolute_url()
    response = rest(
        "PATCH",
        "official",
        f"{portal_url}/@users/{userid('official')}",
        json={
            "fullname": "Odile Officielle\r\nBcc: evil@example.org",
            "first_name": "Odile\n",
            "last_name": "Officielle\u2028Bcc: evil@example.org",
            "civility": "Mme\r\n",
            "phone": "+33 6 12 34 56 78\x00",
        },
    )
    assert response.status_code == 204, response.text
    assert stored("official", "fullname") == "Odile Officielle Bcc: evil@example.org"
    assert stored("official", "first_name") == "Odile"
    assert stored("official", "last_name") == "Officielle Bcc: evil@example.org"
    assert stored("official", "civility") == "Mme"
    assert stored("official", "phone") == "+33 6 12 34 56 78"

    # Plone's personal information form: a line break is refused, other separators are cleaned.
    browser = browser_as(functional["app"], userid("official2"))
    browser.handleErrors = True
    browser.open(portal_url + "/@@personal-information")
    browser.getControl(name="form.widgets.fullname").value = "Oscar\r\nBcc: evil@example.org"
    browser.getControl(name="form.buttons.save").click()
    assert "Contrainte non satisfaite" in browser.contents  # zope.schema's TextLine
    assert stored("official2", "fullname") == "Oscar Second"
    browser.getControl(name="form.widgets.fullname").value = "Oscar\u2028Deux\x0b"
    browser.getControl(name="form.buttons.save").click()
    assert stored("official2", "fullname") == "Oscar Deux"


def test_the_upgrade_puts_the_names_stored_before_on_one_line(integration):
    from collective.convocation.upgrades.v1002.outputs import upgrade

    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="zoe@example.org", username="zoe", password=PASSWORD)
    storage = portal.acl_users.mutable_properties._storage
    storage["zoe"] = {**storage["zoe"], "fullname": "Zoé\r\nBcc: x", "last_name": "Mercier\n"}
    upgrade(None)
    zoe = api.user.get(userid="zoe")
    assert (zoe.getProperty("fullname"), zoe.getProperty("last_name")) == ("Zoé Bcc: x", "Mercier")


def test_a_file_name_or_title_with_a_line_break_is_refused_over_rest(functional):
    """zope.schema's TextLine refuses them: they never reach a mail header (build_message cleans them anyway)."""
    world = build(functional["portal"])
    transaction.commit()
    seance = world.seances["draft"]
    pdf_upload = {
        "data": base64.b64encode(pages("Convocation", 1)).decode("ascii"),
        "encoding": "base64",
        "filename": "convocation\r\nBcc: evil@example.org.pdf",
        "content-type": "application/pdf",
    }
    response = rest(
        "PATCH",
        "agent",
        seance.absolute_url(),
        json={"title": "Séance\nBcc: evil@example.org", "convocation_file": pdf_upload},
    )
    assert response.status_code == 400
    transaction.begin()
    assert seance.convocation_file.filename == "convocation.pdf"
    assert seance.title == "Séance draft"


def test_an_address_an_official_spoils_himself_stops_only_his_own_mails(functional):
    """``PATCH @users`` takes any email from its owner: the others are convoked all the same."""
    portal = functional["portal"]
    world = build(portal)
    transaction.commit()
    users = f"{portal.absolute_url()}/@users/"
    spoiled = {"official": "odile@example.org,evil@example.org", "official2": ""}
    for persona, email in spoiled.items():
        response = rest("PATCH", persona, users + userid(persona), json={"email": email})
        assert response.status_code == 204
    draft = world.seances["draft"].absolute_url()
    assert rest("POST", "agent", draft + "/@workflow/notify").status_code == 200
    notified = world.seances["notified"].absolute_url()  # sent before the addresses changed
    response = rest(
        "POST", "agent", notified + "/@renotify", json={"subject": "Rappel", "message": "Lisez."}
    )
    assert response.status_code == 200, response.text
    assert response.json()["sent"] == 1  # the invitee

    transaction.begin()
    for seance in ("draft", "notified"):
        deliveries = {
            c.recipient: c.delivery
            for c in world.seances[seance].objectValues()
            if c.portal_type == "Convocation"
        }
        assert deliveries == {
            userid("official"): "unreachable",
            userid("official2"): "unreachable",
            userid("invitee"): "sent",  # handed to the test's MailHost, which has no queue
        }


def test_the_journal_csv_shows_an_actor_named_like_a_formula_as_text(functional):
    """A user id a spreadsheet would compute (an account made outside Plone's forms, say)."""
    portal = functional["portal"]
    world = build(portal)
    portal.acl_users.source_users.doAddUser("@SUM(A1)", PASSWORD)
    api.user.grant_roles(username="@SUM(A1)", obj=world.town_a, roles=["ConvocationAgent"])
    transaction.commit()
    seance = world.seances["notified"].absolute_url()
    response = requests.post(
        seance + "/@renotify",
        auth=("@SUM(A1)", PASSWORD),
        headers={"Accept": "application/json"},
        json={"subject": '=HYPERLINK("http://x")', "message": "-2"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    table = spreadsheet(rest("GET", "agent", seance + "/@journal?format=csv"))
    renotified = next(row for row in table[1:] if row[5] == "renotified")
    assert renotified[4] == "'@SUM(A1)"
    assert renotified[6].startswith("{") and '=HYPERLINK(\\"http://x\\")' in renotified[6]
    assert renotified[0].isdigit()  # the entry's number stays a number
    assert not any(cell.startswith(FORMULAS) for row in table for cell in row)
