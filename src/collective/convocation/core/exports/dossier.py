"""The séance dossier, free of Plone: documents in, one PDF out, a bookmark per document.

A document that is not a PDF, or a PDF pypdf cannot merge (encrypted, broken),
never makes the dossier fail: it is listed on a first page instead.
"""

from collective.convocation.core.exports.pdftable import header_table
from collective.convocation.core.exports.pdftext import paragraph
from dataclasses import dataclass
from io import BytesIO
from pypdf import PdfReader
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer

import logging


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
            # unpicking the pages and objects it left in the writer.
            logger.warning("Dossier: %r could not be merged", error.document.title, exc_info=True)
            left_out[id(error.document)] = UNREADABLE


def _merged(documents, left_out, title):
    writer = PdfWriter()
    for document in documents:
        if id(document) in left_out:
            continue
        if not is_pdf(document.data):
            left_out[id(document)] = NOT_A_PDF
            continue
        try:
            reader = PdfReader(BytesIO(document.data))
            readable = not reader.is_encrypted and len(reader.pages) > 0
        except Exception:  # pypdf raises many kinds of errors on broken files
            readable = False
        if not readable:
            left_out[id(document)] = UNREADABLE
            continue
        try:
            # The document's own outline would nest under its bookmark, but a
            # broken one is a common reason for pypdf to fail: leave it out.
            writer.append(reader, outline_item=document.title, import_outline=False)
        except Exception as error:
            raise _Unmergeable(document) from error
    listed = [
        (document, left_out[id(document)]) for document in documents if id(document) in left_out
    ]
    if listed:
        writer.merge(0, PdfReader(BytesIO(left_out_page(listed))), import_outline=False)
    elif not writer.pages:  # a PDF has at least one page
        writer.append(PdfReader(BytesIO(notice_page(NO_DOCUMENT, ""))), import_outline=False)
    if title:
        writer.add_metadata({"/Title": title})
    if writer.outline:
        writer.page_mode = "/UseOutlines"  # readers open with the bookmarks shown
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


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
