"""The séance dossier and zip: the Plone side of exports/dossier and exports/archive.

The documents are read as the system, whatever the downloader's roles on each
of them: the views and services that call this ask ViewTracking on the séance.
"""

from Acquisition import aq_base
from collective.convocation.downloads import attachment
from collective.convocation.exports.archive import archive_zip
from collective.convocation.exports.dossier import Document
from collective.convocation.exports.dossier import dossier_pdf
from dataclasses import dataclass
from persistent.mapping import PersistentMapping
from plone.namedfile.file import NamedBlobFile
from plone.namedfile.file import NamedFile
from plone.namedfile.utils import stream_data
from plone.protect.utils import safeWrite
from plone.uuid.interfaces import IUUID
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest

import hashlib


CACHE_KEY = "collective.convocation.dossier"
# Raise it when the dossier's rendering changes: the dossiers already cached are merged again.
DOSSIER_FORMAT = "1"
SEANCE_FILES = (
    ("convocation_file", "Convocation"),
    ("synthesis_file", "Note de synthèse"),
    ("invitation_file", "Invitation"),
)


@dataclass(frozen=True)
class Source:
    """One document of the séance: its title in the dossier, the object holding it, the file."""

    title: str
    holder: object
    file: object  # a NamedBlobFile


def sources(seance) -> list[Source]:
    """The séance's documents in the dossier's order.

    Its own files, then each agenda item's report followed by its annexes,
    then the other documents (minutes…); convocations and forms are no documents.
    """
    found = [
        Source(title, seance, getattr(seance, field, None))
        for field, title in SEANCE_FILES
        if getattr(seance, field, None)
    ]
    others = []
    for child in seance.objectValues():
        if child.portal_type == "AgendaItem":
            point = f"Point {child.number}"
            if child.main_file:
                found.append(Source(f"{point} - {child.Title()}", child, child.main_file))
            found.extend(
                Source(f"{point} - Annexe - {annex.Title()}", annex, annex.file)
                for annex in child.objectValues()
                if annex.portal_type == "File" and annex.file
            )
        elif child.portal_type == "File" and child.file:
            others.append(Source(child.Title(), child, child.file))
    return found + others


def document(source) -> Document:
    return Document(
        source.title, source.file.filename or "", source.file.data, source.file.contentType or ""
    )


def fingerprint(seance, found) -> str:
    """Changes when a document is added, removed, moved, renamed or replaced, without reading any."""
    digest = hashlib.sha256(f"{DOSSIER_FORMAT}\n{seance.Title()}".encode())
    for source in found:
        digest.update(
            repr(
                (
                    source.title,
                    IUUID(source.holder),
                    source.holder.modified().micros(),
                    source.file.filename,
                    source.file.getSize(),
                )
            ).encode()
        )
    return digest.hexdigest()


def dossier_file(seance) -> NamedBlobFile:
    """The dossier PDF, merged again only when one of its documents changed."""
    found = sources(seance)
    key = fingerprint(seance, found)
    cached = IAnnotations(seance).get(CACHE_KEY)
    if cached is not None and cached["fingerprint"] == key:
        return cached["file"]
    file = NamedBlobFile(
        dossier_pdf(
            [document(source) for source in found], title=f"Dossier de séance — {seance.Title()}"
        ),
        contentType="application/pdf",
        filename=f"dossier-{seance.getId()}.pdf",
    )
    _keep(seance, PersistentMapping(fingerprint=key, file=file))
    return file


def _keep(seance, record):
    """Store the dossier on the séance, though the request is a GET.

    plone.protect aborts a GET that writes unless the objects written are
    marked safe: the séance (given its annotations) and its annotations' tree.
    """
    IAnnotations(seance)[CACHE_KEY] = record
    request = getRequest()
    safeWrite(seance, request)
    tree = getattr(aq_base(seance), "__annotations__", None)
    if tree is not None:
        safeWrite(tree, request)


def documents_zip(seance) -> NamedFile:
    """Every document as uploaded, numbered in the dossier's order."""
    return NamedFile(
        archive_zip(document(source) for source in sources(seance)),
        contentType="application/zip",
        filename=f"dossier-{seance.getId()}.zip",
    )


def download(response, file):
    """``file`` as an attachment: streamed from its blob once committed."""
    response.setHeader("Content-Length", str(file.getSize()))
    return attachment(response, stream_data(file), file.contentType, file.filename)
