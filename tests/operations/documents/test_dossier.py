"""The séance dossier (one PDF) and zip, downloaded by its agent from « Suivi des envois » and over REST."""

from clients import get
from collective.convocation.operations import documents as dossier_module
from io import BytesIO
from pdfs import pages
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from pypdf import PdfReader
from world import browser_as
from world import PASSWORD
from world import userid
from zipfile import ZipFile
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import requests
import transaction


def pdf_file(filename, title, count=1):
    return NamedBlobFile(pages(title, count), contentType="application/pdf", filename=filename)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def seance(notified):
    """The notified séance of the world (convocations sent, a « Rapport »), with a full agenda.

    A broken PDF is stored in code, as an upload from before the checks would be.
    """
    seance = notified
    with api.env.adopt_roles(["Manager"]):
        seance.synthesis_file = pdf_file("note.pdf", "Note de synthèse", 3)
        budget = createContentInContainer(
            seance,
            "AgendaItem",
            id="point-1",
            number="1",
            title="Budget primitif",
            main_file=pdf_file("budget.pdf", "Budget", 2),
        )
        createContentInContainer(
            budget,
            "File",
            id="plan",
            title="Plan de financement",
            file=pdf_file("plan.pdf", "Plan", 2),
        )
        tarifs = createContentInContainer(
            seance,
            "AgendaItem",
            number="2",
            title="Tarifs",
            main_file=pdf_file("tarifs.pdf", "Tarifs"),
        )
        createContentInContainer(
            tarifs,
            "File",
            title="Grille tarifaire",
            file=NamedBlobFile(
                b"PK\x03\x04 un document Word", contentType=DOCX, filename="grille.docx"
            ),
        )
        createContentInContainer(
            seance,
            "File",
            title="Liste des présents",
            file=NamedBlobFile(b"Odile, Oscar", contentType="text/plain", filename="presents.txt"),
        )
        createContentInContainer(
            seance,
            "File",
            id="pv",
            title="Procès-verbal abîmé",
            file=NamedBlobFile(
                pages("PV", 2)[:400], contentType="application/pdf", filename="pv.pdf"
            ),
        )
        createContentInContainer(seance, "EasyForm", title="Participerez-vous au repas ?")
    transaction.commit()
    return seance


BOOKMARKS = [
    "Convocation",
    "Note explicative de synthèse",
    "Point 1 - Budget primitif",
    "Point 1 - Annexe - Plan de financement",
    "Point 2 - Tarifs",
    "Rapport",
]
ZIP_NAMES = [
    "01 - Convocation.pdf",
    "02 - Note explicative de synthèse.pdf",
    "03 - Point 1 - Budget primitif.pdf",
    "04 - Point 1 - Annexe - Plan de financement.pdf",
    "05 - Point 2 - Tarifs.pdf",
    "06 - Point 2 - Annexe - Grille tarifaire.docx",
    "07 - Rapport.pdf",
    "08 - Liste des présents.txt",
    "09 - Procès-verbal abîmé.pdf",
]


def body(browser):
    contents = browser.contents
    return contents if isinstance(contents, bytes) else contents.encode("latin-1")


def text(page):
    return " ".join(page.extract_text().split())


@pytest.fixture
def merges(monkeypatch):
    """How many times the dossier was merged."""
    calls = []
    merge = dossier_module.dossier_pdf

    def counted(*args, **kwargs):
        calls.append(1)
        return merge(*args, **kwargs)

    monkeypatch.setattr(dossier_module, "dossier_pdf", counted)
    return calls


def download_dossier(functional, seance):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@deliveries")
    agent.getLink(url="@@dossier.pdf").click()
    return agent


def test_agent_downloads_the_dossier_from_the_deliveries_page(seance, functional):
    agent = download_dossier(functional, seance)
    assert agent.headers["Content-Type"] == "application/pdf"
    assert (
        agent.headers["Content-Disposition"] == 'attachment; filename="dossier-seance-notified.pdf"'
    )
    dossier = PdfReader(BytesIO(body(agent)))
    # The parts' pages, after the page listing what is not in it
    assert len(dossier.pages) == 1 + 1 + 3 + 2 + 2 + 1 + 1
    assert [item.title for item in dossier.outline] == BOOKMARKS
    assert [dossier.get_destination_page_number(item) for item in dossier.outline] == [
        1,
        2,
        5,
        7,
        9,
        10,
    ]
    assert text(dossier.pages[5]) == "Budget, page 1"
    first = text(dossier.pages[0])
    assert "Documents non inclus dans ce dossier" in first
    for listed in (
        "Point 2 - Annexe - Grille tarifaire grille.docx Format autre que PDF",
        "Liste des présents presents.txt Format autre que PDF",
        "Procès-verbal abîmé pv.pdf PDF illisible ou protégé",
    ):
        assert listed in first
    assert "repas" not in first  # the questionnaire and the convocations are no documents
    assert dossier.metadata.title == "Dossier de séance — Séance notified"


def test_agent_downloads_the_zip_from_the_deliveries_page(seance, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@deliveries")
    agent.getLink(url="@@dossier.zip").click()
    assert agent.headers["Content-Type"] == "application/zip"
    archive = ZipFile(BytesIO(body(agent)))
    assert archive.namelist() == ZIP_NAMES
    transaction.begin()
    assert archive.read("04 - Point 1 - Annexe - Plan de financement.pdf") == (
        seance["point-1"]["plan"].file.data
    )
    assert archive.read("09 - Procès-verbal abîmé.pdf") == seance["pv"].file.data
    assert archive.read("01 - Convocation.pdf") == seance.convocation_file.data


def test_second_download_is_served_from_the_cache_until_a_document_changes(
    seance, functional, merges
):
    database = functional["app"]._p_jar.db()
    requests.get(
        seance.absolute_url(), timeout=60
    )  # a new site's first page sets Plone's portlets up
    last_write = database.lastTransaction()
    first = body(download_dossier(functional, seance))
    again = body(download_dossier(functional, seance))
    assert len(merges) == 1
    assert again == first
    assert database.lastTransaction() == last_write  # the cache is no part of the database

    # An annex replaced
    transaction.begin()
    annex = seance["point-1"]["plan"]
    annex.file = pdf_file("plan.pdf", "Plan révisé", 4)
    notify(ObjectModifiedEvent(annex))
    transaction.commit()
    dossier = PdfReader(BytesIO(body(download_dossier(functional, seance))))
    assert len(merges) == 2
    assert text(dossier.pages[7]) == "Plan révisé, page 1"
    assert len(dossier.pages) == 1 + 1 + 3 + 2 + 4 + 1 + 1

    # A document added
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(
            seance, "File", title="Compte rendu", file=pdf_file("cr.pdf", "Compte rendu")
        )
    transaction.commit()
    dossier = PdfReader(BytesIO(body(download_dossier(functional, seance))))
    assert len(merges) == 3
    assert dossier.outline[-1].title == "Compte rendu"
    body(download_dossier(functional, seance))
    assert len(merges) == 3


@pytest.mark.parametrize("view", ["dossier.pdf", "dossier.zip"])
@pytest.mark.parametrize(
    "persona", ["official", "colleague", "invitee", "other_agent", "anonymous"]
)
def test_nobody_else_gets_the_dossier_page(seance, persona, view):
    response = requests.get(
        f"{seance.absolute_url()}/@@{view}",
        auth=None if persona == "anonymous" else (userid(persona), PASSWORD),
        allow_redirects=False,
        timeout=60,
    )
    # Plone's answer to a page one may not see: the login form
    assert response.status_code == 302
    assert "/require_login?came_from=" in response.headers["Location"]


@pytest.mark.parametrize(
    "persona,status",
    [
        ("agent", 200),
        ("admin", 200),
        ("official", 401),
        ("invitee", 401),
        ("other_agent", 401),
        ("anonymous", 401),
    ],
)
def test_rest_dossier_and_zip(seance, persona, status):
    url = seance.absolute_url()
    dossier = get(persona, url + "/@dossier")
    archive = get(persona, url + "/@zip")
    assert (dossier.status_code, archive.status_code) == (status, status)
    if status == 200:
        assert dossier.headers["Content-Type"] == "application/pdf"
        assert (
            dossier.headers["Content-Disposition"]
            == 'attachment; filename="dossier-seance-notified.pdf"'
        )
        assert [item.title for item in PdfReader(BytesIO(dossier.content)).outline] == BOOKMARKS
        assert archive.headers["Content-Disposition"] == (
            'attachment; filename="dossier-seance-notified.zip"'
        )
        assert ZipFile(BytesIO(archive.content)).namelist() == ZIP_NAMES
