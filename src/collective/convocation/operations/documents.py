"""The séance's documents as files to download: the dossier, the zip and the émargement.

The Plone side of core/exports. The documents are read as the system, whatever
the downloader's roles on each of them: the views and services that call this
ask ViewTracking on the séance."""

from App.config import getConfiguration
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.seance import convocations
from collective.convocation.core.delivery import sent_when
from collective.convocation.core.documents import annex_title
from collective.convocation.core.documents import item_title
from collective.convocation.core.documents import SEANCE_FILES
from collective.convocation.core.exports.archive import archive_zip
from collective.convocation.core.exports.dossier import Document
from collective.convocation.core.exports.dossier import dossier_pdf
from collective.convocation.core.exports.emargement import emargement_csv
from collective.convocation.core.exports.emargement import emargement_pdf
from collective.convocation.core.exports.emargement import Row
from collective.convocation.core.exports.emargement import Sitting
from collective.convocation.operations.people import full_name
from collective.convocation.operations.people import person
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import term_title
from dataclasses import dataclass
from pathlib import Path
from plone.app.uuid.utils import uuidToObject
from plone.namedfile.file import NamedFile
from plone.namedfile.utils import stream_data
from plone.uuid.interfaces import IUUID
from ZPublisher.Iterators import filestream_iterator

import hashlib
import os
import threading


def attachment(response, data, content_type, filename):
    """``data`` as a file named ``filename`` to save, not a page to show; returns it."""
    response.setHeader("Content-Type", content_type)
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    return data


# Where the dossier was cached in the ZODB before 1002 (upgrades remove it).
LEGACY_CACHE_KEY = "collective.convocation.dossier"
# Raise it when the dossier's rendering changes: the dossiers already cached are merged again.
DOSSIER_FORMAT = "1"


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
            if child.main_file:
                found.append(
                    Source(item_title(child.number, child.Title()), child, child.main_file)
                )
            found.extend(
                Source(annex_title(child.number, annex.Title()), annex, annex.file)
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


def cache_folder() -> Path:
    """Merged dossiers, kept on the instance's disk: a cache is no part of the site's data.

    A GET that merges a dossier writes nothing to the ZODB; several instances
    each keep their own copy, named after what it holds, so none is ever stale.
    """
    return Path(getConfiguration().clienthome) / "dossiers"


def dossier_path(seance) -> Path:
    """The dossier PDF, merged again only when one of its documents changed."""
    found = sources(seance)
    uid = IUUID(seance)
    folder = cache_folder()
    path = folder / f"{uid}-{fingerprint(seance, found)}.pdf"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    merged = dossier_pdf(
        [document(source) for source in found], title=f"Dossier de séance — {seance.Title()}"
    )
    # Written aside then renamed: a reader never sees half a file, two writers never mix theirs.
    partial = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}"
    partial.write_bytes(merged)
    os.replace(partial, path)
    for older in folder.glob(f"{uid}-*.pdf"):
        if older != path:
            older.unlink(missing_ok=True)
    return path


def send_dossier(response, seance):
    """The dossier as an attachment, streamed from the cache."""
    path = dossier_path(seance)
    response.setHeader("Content-Length", str(path.stat().st_size))
    return attachment(
        response,
        filestream_iterator(str(path), "rb"),
        "application/pdf",
        f"dossier-{seance.getId()}.pdf",
    )


def documents_zip(seance) -> NamedFile:
    """Every document as uploaded, numbered in the dossier's order."""
    return NamedFile(
        archive_zip(document(source) for source in sources(seance)),
        contentType="application/zip",
        filename=f"dossier-{seance.getId()}.zip",
    )


def send_zip(response, seance):
    """Every document as uploaded, numbered, as an attachment."""
    file = documents_zip(seance)
    response.setHeader("Content-Length", str(file.getSize()))
    return attachment(response, stream_data(file), file.contentType, file.filename)


def rows(seance):
    """(officials, invitees) as exports/emargement's rows."""
    officials, invitees = [], []
    for convocation in convocations(seance):
        names = person(convocation.recipient)
        mandate = (
            uuidToObject(convocation.mandate, unrestricted=True) if convocation.mandate else None
        )
        row = Row(
            last_name=names["nom"],
            first_name=names["prenom"],
            function=mandate.function if mandate is not None else "",
            group=(mandate.group or "") if mandate is not None else "",
            sent=sent_when(convocation.delivery, convocation.sent_at, convocation.posted_at),
            received=convocation.received_at,
            attendance=term_title(attendances, convocation.attendance, seance),
            proxy_holder=full_name(convocation.proxy_holder) if convocation.proxy_holder else "",
            actual=term_title(actual_attendances, convocation.actual, seance),
            declared=convocation.attendance or "unanswered",
            roll_call=convocation.actual or None,
            seat=(mandate.seat or "titular") if mandate is not None else "titular",
        )
        (invitees if convocation.category == "invitation" else officials).append(row)
    return officials, invitees


def sheet(seance, kind):
    """(bytes, content type, filename) of the attendance sheet as "csv" or "pdf"."""
    officials, invitees = rows(seance)
    if kind == "csv":
        return (
            emargement_csv(officials, invitees),
            "text/csv; charset=utf-8",
            f"emargement-{seance.getId()}.csv",
        )
    assembly = ancestor(seance, IAssembly)
    sitting = Sitting(
        ancestor(assembly, ICollectivity).title,
        assembly.title,
        seance.Title(),
        seance.start,
        seance.location or "",
        assembly.quorum or "majority",
        bool(assembly.remote_counts_for_quorum),
    )
    return (
        emargement_pdf(sitting, officials, invitees),
        "application/pdf",
        f"emargement-{seance.getId()}.pdf",
    )
