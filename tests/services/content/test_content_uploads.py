"""A PDF the dossier could not merge, sent into a séance over REST, is refused (400, in French) and not stored."""

from clients import agent_call as call
from clients import upload
from collective.convocation.setuphandlers.demo import pdf
from pdfs import encrypted_pdf
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.utils import createContentInContainer
from world import build
from world import PASSWORD
from world import userid

import base64
import pytest
import requests
import transaction


ENCRYPTED_MESSAGE = (
    "Ce PDF est protégé par un mot de passe ou chiffré : il n'a pas pu être intégré "
    "au dossier de séance. Veuillez déposer une version non protégée."
)
NOT_A_PDF_MESSAGE = "Ce fichier n'est pas un PDF lisible."


BAD_PDFS = [
    pytest.param(
        encrypted_pdf(), "Ce PDF est protégé par un mot de passe ou chiffré", id="encrypted"
    ),
    pytest.param(pdf("Tronqué")[:400], NOT_A_PDF_MESSAGE, id="truncated"),
    pytest.param(b"Bonjour, ceci n'est pas un PDF.", NOT_A_PDF_MESSAGE, id="text-named-pdf"),
]


@pytest.fixture
def seance(functional):
    """The draft séance of the world, with an agenda item."""
    seance = build(functional["portal"]).seances["draft"]
    with api.env.adopt_roles(["Manager"]):
        createContentInContainer(seance, "AgendaItem", id="point-1", number="1", title="Budget")
    transaction.commit()
    return seance


AGENT = (userid("agent"), PASSWORD)


def ids(container, portal_type):
    return sorted(obj.getId() for obj in container.objectValues() if obj.portal_type == portal_type)


def files(container):
    transaction.begin()  # see what the request committed
    return ids(container, "File")


@pytest.mark.parametrize("data,message", BAD_PDFS)
@pytest.mark.parametrize("where", ["seance", "agenda-item"])
def test_posting_a_pdf_the_dossier_cannot_merge_is_refused(seance, where, data, message):
    container = seance if where == "seance" else seance["point-1"]
    response = call(
        "POST",
        container.absolute_url(),
        **{"@type": "File", "title": "Annexe", "file": upload(data)},
    )
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert files(container) == (["rapport"] if where == "seance" else [])


def test_the_whole_french_reason_is_given(seance):
    response = call(
        "POST",
        seance.absolute_url(),
        **{"@type": "File", "title": "Annexe", "file": upload(encrypted_pdf())},
    )
    assert ENCRYPTED_MESSAGE in response.json()["message"]


@pytest.mark.parametrize("data,message", BAD_PDFS)
def test_patching_a_document_with_such_a_pdf_is_refused_and_keeps_the_old_one(
    seance, data, message
):
    before = seance["rapport"].file.data
    response = call("PATCH", seance["rapport"].absolute_url(), file=upload(data))
    assert response.status_code == 400
    assert message in response.json()["message"]
    transaction.begin()
    assert seance["rapport"].file.data == before


@pytest.mark.parametrize(
    "data,filename,content_type",
    [
        (pdf("Annexe"), "annexe.pdf", "application/pdf"),
        (b"PK\x03\x04 un tableur", "budget.ods", "application/vnd.oasis.opendocument.spreadsheet"),
        (b"Odile, Oscar", "presents.txt", "text/plain"),
    ],
    ids=["pdf", "spreadsheet", "text"],
)
def test_readable_pdfs_and_other_files_are_accepted(seance, data, filename, content_type):
    response = call(
        "POST",
        seance["point-1"].absolute_url(),
        **{"@type": "File", "title": "Annexe", "file": upload(data, filename, content_type)},
    )
    assert response.status_code == 201
    assert files(seance["point-1"]) == [response.json()["id"]]
    assert seance["point-1"][response.json()["id"]].file.data == data


def test_the_agenda_item_report_and_the_seance_files_are_checked_too(seance):
    response = call("PATCH", seance["point-1"].absolute_url(), main_file=upload(encrypted_pdf()))
    assert response.status_code == 400
    assert "Ce PDF est protégé par un mot de passe ou chiffré" in response.json()["message"]
    response = call("PATCH", seance.absolute_url(), synthesis_file=upload(encrypted_pdf()))
    assert response.status_code == 400
    assert "Ce PDF est protégé par un mot de passe ou chiffré" in response.json()["message"]
    transaction.begin()
    assert seance["point-1"].main_file is None
    assert seance.synthesis_file is None


def test_a_new_seance_or_agenda_item_with_a_bad_value_is_refused_with_a_400_not_a_500(seance):
    council = seance.aq_parent
    seances = ids(council, "Seance")
    response = call(
        "POST",
        council.absolute_url(),
        **{
            "@type": "Seance",
            "location": "Salle du conseil",
            "start": "2030-06-01T18:30:00+02:00",
            "convocation_file": upload(encrypted_pdf()),
        },
    )
    assert response.status_code == 400
    assert "Ce PDF est protégé par un mot de passe ou chiffré" in response.json()["message"]
    response = call("POST", seance.absolute_url(), **{"@type": "AgendaItem", "number": "2 bis"})
    assert response.status_code == 400
    assert "Le numéro du point se compose de chiffres" in response.json()["message"]
    transaction.begin()
    assert ids(council, "Seance") == seances
    assert ids(seance, "AgendaItem") == ["point-1"]


def test_outside_a_seance_a_file_is_none_of_our_business(functional):
    portal = functional["portal"]
    response = call(
        "POST",
        portal.absolute_url(),
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        **{"@type": "File", "id": "chiffre", "file": upload(encrypted_pdf())},
    )
    assert response.status_code == 201
    transaction.begin()
    assert "chiffre" in portal


def test_a_resumable_upload_tus_is_refused_too(seance):
    data = encrypted_pdf()
    metadata = ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}"
        for key, value in (("filename", "annexe.pdf"), ("content-type", "application/pdf"))
    )
    auth = AGENT
    tus = {"Tus-Resumable": "1.0.0", "Accept": "application/json"}
    started = requests.post(
        seance.absolute_url() + "/@tus-upload",
        auth=auth,
        headers={**tus, "Upload-Length": str(len(data)), "Upload-Metadata": metadata},
        timeout=30,
    )
    assert started.status_code == 201
    response = requests.patch(
        started.headers["Location"],
        auth=auth,
        headers={**tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
        data=data,
        timeout=30,
    )
    assert response.status_code == 400
    assert "Ce PDF est protégé par un mot de passe ou chiffré" in response.json()["message"]
    assert files(seance) == ["rapport"]
