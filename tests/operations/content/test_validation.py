"""Bad input is refused with a French message and nothing is stored: add forms and REST."""

from collective.convocation.setuphandlers.demo import pdf
from collective.convocation.setuphandlers.demo import pdf_file
from datetime import datetime
from io import BytesIO
from pdfs import encrypted_pdf
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import pytest
import requests
import transaction


def created(container, type, **fields):
    """Content made by a Manager, committed: the forms and REST calls below see it."""
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(container=container, type=type, **fields)
    transaction.commit()
    return obj


@pytest.fixture
def council(functional):
    town = created(
        functional["portal"], "Collectivity", id="ville-a", title="Ville A", login_suffix="ville-a"
    )
    return created(town, "Assembly", id="conseil", title="Conseil municipal")


@pytest.fixture
def seance(council):
    """A draft séance of the council, committed."""
    return created(
        council,
        "Seance",
        id="seance",
        title="Séance",
        location="Mairie",
        start=datetime(2030, 6, 1, 18, 30),
    )


@pytest.fixture
def browser(functional):
    browser = Browser(functional["app"])
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    return browser


def stored(container, portal_type):
    transaction.begin()  # see what the browser's request committed
    return [obj.getId() for obj in container.objectValues() if obj.portal_type == portal_type]


def add_collectivity(browser, portal, title, suffix):
    browser.open(portal.absolute_url() + "/++add++Collectivity")
    browser.getControl(name="form.widgets.IBasic.title").value = title
    browser.getControl(name="form.widgets.login_suffix").value = suffix
    browser.getControl(name="form.buttons.save").click()


@pytest.mark.parametrize(
    "suffix,message",
    [
        (
            "Saint Démo",
            "Le suffixe de connexion ne peut contenir que des lettres minuscules sans accent",
        ),
        (
            "saint--demo",
            "Le suffixe de connexion ne peut contenir que des lettres minuscules sans accent",
        ),
        ("ville-a", "Le suffixe de connexion « ville-a » est déjà utilisé par Ville A."),
    ],
)
def test_collectivity_suffix_refused(council, browser, functional, suffix, message):
    portal = functional["portal"]
    add_collectivity(browser, portal, "Ville B", suffix)
    assert message in browser.contents
    assert stored(portal, "Collectivity") == ["ville-a"]


def test_collectivity_with_valid_suffix_is_added(council, browser, functional):
    portal = functional["portal"]
    add_collectivity(browser, portal, "Ville B", "ville-b")
    assert "Elément créé" in browser.contents  # Plone's own French, accent and all
    assert browser.url.endswith("/ville-b/view")
    assert stored(portal, "Collectivity") == ["ville-a", "ville-b"]


def fill_seance(browser, council, start, end):
    browser.open(council.absolute_url() + "/++add++Seance")
    browser.getControl(name="form.widgets.start").value = start
    browser.getControl(name="form.widgets.end").value = end
    browser.getControl(name="form.widgets.location").value = "Salle du conseil"


def test_seance_ending_before_it_starts_is_refused(council, browser):
    fill_seance(browser, council, "2030-06-01T18:30", "2030-06-01T17:00")
    browser.getControl(name="form.buttons.save").click()
    assert "La fin de la séance ne peut pas précéder son début." in browser.contents
    assert stored(council, "Seance") == []


@pytest.mark.parametrize(
    "filename,data,message",
    [
        (
            "convocation.pdf",
            b"Bonjour, ceci n'est pas un PDF.",
            "Ce fichier n'est pas un PDF lisible.",
        ),
        ("convocation.pdf", pdf("Tronqué")[:400], "Ce fichier n'est pas un PDF lisible."),
        ("convocation.pdf", encrypted_pdf(), "Ce PDF est protégé par un mot de passe ou chiffré"),
    ],
    ids=["text", "truncated", "encrypted"],
)
def test_seance_convocation_file_must_be_a_readable_pdf(council, browser, filename, data, message):
    fill_seance(browser, council, "2030-06-01T18:30", "2030-06-01T20:00")
    browser.getControl(name="form.widgets.convocation_file").add_file(
        BytesIO(data), "application/pdf", filename
    )
    browser.getControl(name="form.buttons.save").click()
    assert message in browser.contents
    assert stored(council, "Seance") == []


def test_seance_with_a_pdf_is_added(council, browser):
    fill_seance(browser, council, "2030-06-01T18:30", "2030-06-01T20:00")
    browser.getControl(name="form.widgets.convocation_file").add_file(
        BytesIO(pdf("Convocation")), "application/pdf", "convocation.pdf"
    )
    browser.getControl(name="form.buttons.save").click()
    assert stored(council, "Seance") == ["seance-du-1er-juin-2030"]
    assert "Séance du 1er juin 2030" in browser.contents


def test_agenda_item_report_must_be_a_pdf(seance, browser):
    browser.open(seance.absolute_url() + "/++add++AgendaItem")
    browser.getControl(name="form.widgets.number").value = "1"
    browser.getControl(name="form.widgets.IBasic.title").value = "Budget"
    browser.getControl(name="form.widgets.main_file").add_file(
        BytesIO(b""), "application/pdf", "vide.pdf"
    )
    browser.getControl(name="form.buttons.save").click()
    assert "Le fichier est vide" in browser.contents
    assert stored(seance, "AgendaItem") == []


def rest_post(container, **fields):
    return requests.post(
        container.absolute_url(),
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        json=fields,
        timeout=30,
    )


def test_rest_api_refuses_a_seance_ending_before_it_starts(council):
    response = rest_post(
        council,
        **{
            "@type": "Seance",
            "start": "2030-06-01T18:30:00+02:00",
            "end": "2030-06-01T17:00:00+02:00",
            "location": "Salle du conseil",
        },
    )
    assert response.status_code == 400
    assert "La fin de la séance ne peut pas précéder son début." in response.json()["message"]
    assert stored(council, "Seance") == []


def test_rest_api_refuses_a_duplicate_suffix(council, functional):
    portal = functional["portal"]
    response = rest_post(
        portal, **{"@type": "Collectivity", "title": "Ville B", "login_suffix": "ville-a"}
    )
    assert response.status_code == 400
    assert (
        "Le suffixe de connexion « ville-a » est déjà utilisé par Ville A."
        in response.json()["message"]
    )
    assert stored(portal, "Collectivity") == ["ville-a"]


def test_editing_a_collectivity_keeps_its_own_suffix(council, browser):
    town = council.aq_parent
    browser.open(town.absolute_url() + "/edit")
    browser.getControl(name="form.widgets.population").value = "1500"
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert town.population == 1500


@pytest.mark.parametrize(
    "filename,data,refused",
    [
        ("annexe.pdf", encrypted_pdf(), "Ce PDF est protégé par un mot de passe ou chiffré"),
        ("annexe.pdf", b"pas un PDF", "Ce fichier n'est pas un PDF lisible."),
        (
            "budget.ods",
            b"PK\x03\x04 un tableur",
            None,
        ),  # kept: the dossier lists what it cannot merge
        ("annexe.pdf", pdf("Annexe"), None),
    ],
    ids=["encrypted", "broken", "not-a-pdf", "pdf"],
)
def test_a_seance_document_that_would_break_the_dossier_is_refused(
    seance, browser, filename, data, refused
):
    browser.open(seance.absolute_url() + "/++add++File")
    browser.getControl(name="form.widgets.title").value = "Annexe"
    browser.getControl(name="form.widgets.file").add_file(
        BytesIO(data), "application/octet-stream", filename
    )
    browser.getControl(name="form.buttons.save").click()
    if refused:
        assert refused in browser.contents
        assert stored(seance, "File") == []
    else:
        assert len(stored(seance, "File")) == 1


def file_choices(html, field):
    """The « keep / remove / replace » radios and the kept upload of a file widget, as the form offers them."""
    return {
        "keep": f'id="form-widgets-{field}-nochange"' in html,
        "kept_upload": f'name="form.widgets.{field}.file_upload_id"' in html,
    }


def refuse_an_upload(browser):
    """Choose a « PDF » that is none and save: the form comes back with the refusal; what it offers."""
    browser.getControl(name="form.widgets.convocation_file").add_file(
        BytesIO(b"Bonjour, ceci n'est pas un PDF."), "application/pdf", "refuse.pdf"
    )
    browser.getControl(name="form.buttons.save").click()
    assert "Ce fichier n'est pas un PDF lisible." in browser.contents
    assert "refuse.pdf" not in browser.contents  # the refused file is not shown as kept
    return file_choices(browser.contents, "convocation_file")


def test_a_refused_pdf_is_not_offered_as_the_existing_file(council, browser):
    fill_seance(browser, council, "2030-06-01T18:30", "2030-06-01T20:00")
    # No « Garder le fichier existant » for a file the form just refused: there is none to keep
    assert refuse_an_upload(browser) == {"keep": False, "kept_upload": False}
    # Saved again with a good PDF, the séance is added with it
    browser.getControl(name="form.widgets.convocation_file").add_file(
        BytesIO(pdf("Convocation")), "application/pdf", "convocation.pdf"
    )
    browser.getControl(name="form.buttons.save").click()
    assert stored(council, "Seance") == ["seance-du-1er-juin-2030"]


def test_a_refused_replacement_keeps_the_stored_file_not_the_refused_one(seance, browser):
    seance.convocation_file = pdf_file("convocation.pdf", "Convocation")
    transaction.commit()
    browser.open(seance.absolute_url() + "/edit")
    browser.getControl(name="form.widgets.convocation_file.action").value = ["replace"]
    # « Garder le fichier existant » is the stored one; the refused file is not kept
    assert refuse_an_upload(browser) == {"keep": True, "kept_upload": False}
    assert "convocation.pdf" in browser.contents
    browser.getControl(name="form.buttons.save").click()  # with « keep »: the stored file stays
    transaction.begin()
    assert seance.convocation_file.filename == "convocation.pdf"


def test_a_good_pdf_is_kept_when_another_field_is_refused(council, browser):
    fill_seance(browser, council, "2030-06-01T18:30", "2030-06-01T17:00")
    browser.getControl(name="form.widgets.convocation_file").add_file(
        BytesIO(pdf("Convocation")), "application/pdf", "convocation.pdf"
    )
    browser.getControl(name="form.buttons.save").click()
    assert "La fin de la séance ne peut pas précéder son début." in browser.contents
    assert file_choices(browser.contents, "convocation_file")["kept_upload"]  # not chosen twice


def test_the_form_back_with_an_error_opens_on_its_tab(seance, browser):
    browser.open(seance.absolute_url() + "/edit")
    assert "legend.classList" not in browser.contents  # no error: the first tab, as usual
    refuse_an_upload(browser)
    # The « Documents » tab holds the error: the page's script marks it for pat-autotoc
    assert 'id="fieldsetlegend-documents"' in browser.contents
    assert 'legend.classList.add("active")' in browser.contents
