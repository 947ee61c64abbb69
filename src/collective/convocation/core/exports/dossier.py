"""The séance dossier, free of Plone: documents in, one PDF out, a bookmark per document.

A document that is not a PDF, or a PDF that cannot be merged (encrypted, broken),
never makes the dossier fail: it is listed on a first page instead.

The merging is qpdf's (pikepdf): it copies each page's objects as they are,
streams included, where pypdf parsed and rewrote them in Python at 3 to 5 times
the time of poppler's pdfunite for a text-only dossier of 1,000 pages.
"""

from collective.convocation.core.exports.pdftable import header_table
from collective.convocation.core.exports.pdftext import paragraph
from dataclasses import dataclass
from io import BytesIO
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer

import logging
import pikepdf


logger = logging.getLogger(__name__)

NO_DOCUMENT = "Aucun document dans cette séance"
NOT_A_PDF = "Format autre que PDF"
UNREADABLE = "PDF illisible ou protégé"


@dataclass(frozen=True)
class Document:
    title: str
    filename: str
    data: bytes
    content_type: str = ""


def is_pdf(data: bytes) -> bool:
    """What the file is, not what it is named: the header is within its first kilobyte."""
    return b"%PDF-" in data[:1024]


class _Unmergeable(Exception):
    def __init__(self, document):
        super().__init__(document.title)
        self.document = document


def dossier_pdf(documents, title: str = "") -> bytes:
    """The PDF documents merged in order, each under a bookmark with its title.

    The others come first, on a page that lists them with the reason.
    """
    documents = list(documents)
    left_out = {}  # id(document) -> reason
    while True:
        try:
            return _merged(documents, left_out, title)
        except _Unmergeable as error:
            # Rare (uploads are checked): merge again without it rather than
            # unpicking the pages and objects it left in the merged file.
            logger.warning("Dossier: %r could not be merged", error.document.title, exc_info=True)
            left_out[id(error.document)] = UNREADABLE


def _opened(data: bytes):
    """The PDF, or None when it cannot be merged: unreadable, encrypted (even with an
    empty user password, as core.pdf refuses it at upload) or without a page."""
    try:
        source = pikepdf.open(BytesIO(data))
    except Exception:  # qpdf raises on broken files and on a password
        return None
    if source.is_encrypted or not len(source.pages):
        source.close()
        return None
    return source


def _append(merged, source):
    """Copies every page of ``source`` (and what they use) at the end of ``merged``."""
    merged.pages.extend(source.pages)


def _merged(documents, left_out, title):
    merged = pikepdf.new()
    sources = []  # (document, its open PDF): qpdf reads their streams when saving
    bookmarks = []  # (title, index of the first page)
    for document in documents:
        if id(document) in left_out:
            continue
        if not is_pdf(document.data):
            left_out[id(document)] = NOT_A_PDF
            continue
        source = _opened(document.data)
        if source is None:
            left_out[id(document)] = UNREADABLE
            continue
        sources.append((document, source))
        first = len(merged.pages)
        try:
            # The document's own outline would nest under its bookmark, but a
            # broken one is a common reason for a merge to fail: leave it out.
            _append(merged, source)
        except Exception as error:
            raise _Unmergeable(document) from error
        bookmarks.append((document.title, first))
    listed = [
        (document, left_out[id(document)]) for document in documents if id(document) in left_out
    ]
    if listed:
        _prepend(merged, left_out_page(listed), sources)
        bookmarks = [(name, first + 1) for name, first in bookmarks]
    elif not len(merged.pages):  # a PDF has at least one page
        _prepend(merged, notice_page(NO_DOCUMENT, ""), sources)
    if bookmarks:
        with merged.open_outline() as outline:
            outline.root.extend(pikepdf.OutlineItem(name, first) for name, first in bookmarks)
        merged.Root.PageMode = pikepdf.Name.UseOutlines  # readers open with the bookmarks shown
    if title:
        merged.docinfo[pikepdf.Name.Title] = title
    try:
        return _saved(merged)
    except Exception:
        # A stream qpdf only reads now, while writing: find whose it is.
        for document, source in sources:
            if document is not None and not _savable(source):
                raise _Unmergeable(document) from None
        raise
    finally:
        for _document, source in sources:
            source.close()


def _prepend(merged, data, sources):
    notice = pikepdf.open(BytesIO(data))
    sources.append((None, notice))
    merged.pages.insert(0, notice.pages[0])


def _saved(pdf) -> bytes:
    buffer = BytesIO()
    # Streams are copied as they are, compressed or not, as pdfunite does:
    # recompressing them would triple the time for a few percent of size.
    pdf.save(buffer, compress_streams=False)
    return buffer.getvalue()


def _savable(source) -> bool:
    try:
        _saved(source)
    except Exception:
        return False
    return True


def left_out_page(listed) -> bytes:
    """« Documents non inclus dans ce dossier »: title, file name and reason of each."""
    return notice_page(
        "Documents non inclus dans ce dossier",
        "Ces documents de la séance ne sont pas au format PDF ou n'ont pas pu être lus : "
        "ils ne figurent pas dans ce dossier. Ils restent disponibles séparément, "
        "sur la séance et dans l'archive zip de ses documents.",
        [(document.title, document.filename, reason) for document, reason in listed],
    )


def notice_page(heading, text, rows=()) -> bytes:
    """An A4 page: a heading, a sentence, and a table of documents when there are any."""
    styles = getSampleStyleSheet()
    story = [paragraph(heading, styles["Heading2"])]
    if text:
        story.append(paragraph(text, styles["BodyText"]))
    if rows:
        cell = styles["BodyText"].clone("cell", fontSize=9, leading=11)
        table = header_table(
            [["Document", "Fichier", "Motif"]]
            + [[paragraph(value, cell) for value in row] for row in rows],
            [80, 55, 40],
            9,
        )
        story += [Spacer(1, 4 * mm), table]
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title=heading
    ).build(story)
    return buffer.getvalue()
