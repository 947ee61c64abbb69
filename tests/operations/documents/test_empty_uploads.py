"""An empty or malformed file sent to a séance is refused with a French 400, and the stored file kept.

Over REST (POST, PATCH) on every file field, and through folder contents' upload (@@fileUpload).
"""

from clients import agent_call as call
from clients import upload
from collective.convocation.setuphandlers.demo import pdf
from collective.convocation.setuphandlers.demo import pdf_file
from plone import api
from plone.dexterity.utils import createContentInContainer
from world import PASSWORD
from world import userid

import base64
import pytest
import requests
import transaction


AGENT = (userid("agent"), PASSWORD)
EMPTY_MESSAGE = "Le fichier est vide."


@pytest.fixture
def seance(world_of):
    """The draft séance of the world, with every file field filled."""
    seance = world_of.seances["draft"]
    with api.env.adopt_roles(["Manager"]):
        seance.synthesis_file = pdf_file("synthese.pdf", "Note de synthèse")
        seance.invitation_file = pdf_file("invitation.pdf", "Invitation")
        createContentInContainer(
            seance,
            "AgendaItem",
            id="point-1",
            number="1",
            title="Budget",
            main_file=pdf_file("rapport-budget.pdf", "Rapport"),
        )
    transaction.commit()
    return seance


# (where, field): the object that holds the file, relative to the séance.
FILE_FIELDS = [
    ("", "convocation_file"),
    ("", "synthesis_file"),
    ("", "invitation_file"),
    ("point-1", "main_file"),
    ("rapport", "file"),
]


def holder(seance, where):
    transaction.begin()  # see what the requests committed
    return seance.unrestrictedTraverse(where) if where else seance


EMPTY_UPLOADS = {
    "empty base64": upload(b""),
    "empty text": {"data": "", "filename": "vide.pdf", "content-type": "application/pdf"},
    "only padding": {"data": "====", "encoding": "base64", "filename": "vide.pdf"},
}


@pytest.mark.parametrize("how", sorted(EMPTY_UPLOADS))
@pytest.mark.parametrize("where,field", FILE_FIELDS, ids=[f for _, f in FILE_FIELDS])
def test_patching_an_empty_file_is_refused_and_keeps_the_stored_one(seance, where, field, how):
    before = getattr(holder(seance, where), field).data
    response = call("PATCH", holder(seance, where).absolute_url(), **{field: EMPTY_UPLOADS[how]})
    assert response.status_code == 400
    assert EMPTY_MESSAGE in response.json()["message"]
    assert getattr(holder(seance, where), field).data == before


MALFORMED = {
    "a string": ("JVBERi0=", "Envoyez le fichier sous la forme d'un objet"),
    "a list": ([1, 2], "Envoyez le fichier sous la forme d'un objet"),
    "data as a number": ({"data": 123, "encoding": "base64"}, "Les données du fichier"),
    "bad padding": ({"data": "JVBERi0", "encoding": "base64"}, "pas du base64 valide"),
    "unknown encoding": ({"data": "JVBERi0=", "encoding": "rot13"}, "L'encodage du fichier"),
    "1 MB filename": (
        {"data": "JVBERi0=", "encoding": "base64", "filename": "a" * 1_000_000 + ".pdf"},
        "Le « filename » du fichier n'est pas valide.",
    ),
    "content-type as list": (
        {"data": "JVBERi0=", "encoding": "base64", "content-type": ["x"]},
        "Le « content-type » du fichier n'est pas valide.",
    ),
}


@pytest.mark.parametrize("how", sorted(MALFORMED))
@pytest.mark.parametrize("where,field", [FILE_FIELDS[0], FILE_FIELDS[4]], ids=["séance", "file"])
def test_a_malformed_file_is_refused_in_french_and_keeps_the_stored_one(seance, where, field, how):
    value, message = MALFORMED[how]
    before = getattr(holder(seance, where), field).data
    response = call("PATCH", holder(seance, where).absolute_url(), **{field: value})
    assert response.status_code == 400, response.text[:300]
    assert message in response.json()["message"]
    assert "aaaaaaaaaa" not in response.text
    assert getattr(holder(seance, where), field).data == before


@pytest.mark.parametrize("container", ["", "point-1"], ids=["séance", "agenda-item"])
def test_posting_an_empty_file_adds_nothing(seance, container):
    before = holder(seance, container).objectIds()
    response = call(
        "POST",
        holder(seance, container).absolute_url(),
        **{"@type": "File", "title": "Annexe", "file": upload(b"", "annexe.ods", "text/csv")},
    )
    assert response.status_code == 400
    assert EMPTY_MESSAGE in response.json()["message"]
    assert holder(seance, container).objectIds() == before


def test_posting_an_agenda_item_with_an_empty_report_adds_nothing(seance):
    response = call(
        "POST",
        seance.absolute_url(),
        **{"@type": "AgendaItem", "number": "2", "title": "Voirie", "main_file": upload(b"")},
    )
    assert response.status_code == 400
    assert EMPTY_MESSAGE in response.json()["message"]
    assert "point-2" not in holder(seance, "").objectIds()


def test_null_still_removes_a_file_that_is_not_required(seance):
    response = call("PATCH", seance.absolute_url(), synthesis_file=None)
    assert response.status_code == 204
    assert holder(seance, "").synthesis_file is None


def test_a_good_file_still_replaces_the_stored_one(seance):
    new = pdf("Nouvelle")
    response = call("PATCH", seance.absolute_url(), convocation_file=upload(new))
    assert response.status_code == 204
    assert holder(seance, "").convocation_file.data == new


# Folder contents' upload (plone.app.content's @@fileUpload, also the dropzone's).


def authenticator(url):
    page = requests.get(f"{url}/@@authenticator/token", auth=AGENT, timeout=60)
    assert page.status_code == 200
    return page.text.strip()


def file_upload(url, filename, data, content_type="application/pdf"):
    return requests.post(
        f"{url}/@@fileUpload",
        auth=AGENT,
        data={"_authenticator": authenticator(url)},
        files={"file": (filename, data, content_type)},
        timeout=60,
    )


@pytest.mark.parametrize(
    "filename,data,message",
    [
        ("vide.pdf", b"", EMPTY_MESSAGE),
        ("vide.ods", b"", EMPTY_MESSAGE),
        ("faux.pdf", b"Bonjour, ceci n'est pas un PDF.", "Ce fichier n'est pas un PDF lisible."),
        ("tronque.pdf", pdf("Tronqué")[:400], "Ce fichier n'est pas un PDF lisible."),
    ],
    ids=["empty-pdf", "empty-other", "text-named-pdf", "truncated"],
)
@pytest.mark.parametrize("container", ["", "point-1"], ids=["séance", "agenda-item"])
def test_folder_contents_upload_runs_the_forms_checks(seance, container, filename, data, message):
    before = holder(seance, container).objectIds()
    response = file_upload(holder(seance, container).absolute_url(), filename, data)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert holder(seance, container).objectIds() == before


def test_folder_contents_upload_still_adds_a_readable_pdf(seance):
    response = file_upload(holder(seance, "point-1").absolute_url(), "annexe.pdf", pdf("Annexe"))
    assert response.status_code == 200, response.text[:300]
    assert response.json()["name"] in holder(seance, "point-1").objectIds()


# TUS resumable uploads (plone.restapi's @tus-upload and @tus-replace): plone.restapi never
# completes one of length 0 (its PATCH answers 404), so an empty one stores nothing either.


def tus(url, length, metadata):
    encoded = ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in metadata.items()
    )
    created = requests.post(
        url,
        auth=AGENT,
        headers={
            "Accept": "application/json",
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(length),
            "Upload-Metadata": encoded,
        },
        timeout=60,
    )
    assert created.status_code == 201, created.text[:300]
    return requests.patch(
        created.headers["Location"],
        auth=AGENT,
        data=b"",
        headers={
            "Accept": "application/json",
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
        timeout=60,
    )


def test_an_empty_tus_upload_adds_nothing(seance):
    before = holder(seance, "point-1").objectIds()
    response = tus(
        f"{holder(seance, 'point-1').absolute_url()}/@tus-upload",
        0,
        {"filename": "vide.pdf", "content-type": "application/pdf", "@type": "File"},
    )
    assert response.status_code == 404
    assert holder(seance, "point-1").objectIds() == before


def test_an_empty_tus_replace_keeps_the_convocation(seance):
    before = holder(seance, "").convocation_file.data
    response = tus(
        f"{seance.absolute_url()}/@tus-replace",
        0,
        {
            "filename": "vide.pdf",
            "content-type": "application/pdf",
            "fieldname": "convocation_file",
        },
    )
    assert response.status_code == 404
    assert holder(seance, "").convocation_file.data == before
