"""The attendance sheet (liste d'émargement), free of Plone: rows in, CSV or PDF bytes out."""

from collective.convocation.core.dates import moment
from collective.convocation.core.dates import PARIS
from collective.convocation.core.dates import time_of_day
from collective.convocation.core.exports.pdftable import header_table
from collective.convocation.core.exports.pdftext import paragraph
from collective.convocation.core.exports.table import csv_bytes
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer


COLUMNS = (
    "Nom",
    "Prénom",
    "Qualité",
    "Groupe",
    "Envoi",
    "Réception",
    "Présence",
    "Mandataire",
    "Présence effective",
)


# A cell of the sheet shows this much of a typed text; the CSV keeps it whole.
CELL_CHARACTERS = 200


@dataclass(frozen=True)
class Row:
    last_name: str
    first_name: str
    function: str = ""
    group: str = ""
    sent: datetime | None = None
    received: datetime | None = None
    attendance: str = ""  # declared, in French
    proxy_holder: str = ""
    actual: str = ""  # roll call, in French


@dataclass(frozen=True)
class Sitting:
    collectivity: str
    assembly: str
    title: str
    start: datetime
    location: str


def _sorted(rows):
    return sorted(rows, key=lambda row: (row.last_name.lower(), row.first_name.lower()))


def _cells(row):
    return [
        row.last_name,
        row.first_name,
        row.function,
        row.group,
        moment(row.sent),
        moment(row.received),
        row.attendance,
        row.proxy_holder,
        row.actual,
    ]


def emargement_csv(officials, invitees=()) -> bytes:
    """UTF-8 with BOM, ";", sorted by last name: the officials, then the invitees."""
    return csv_bytes(COLUMNS, [_cells(row) for row in _sorted(officials) + _sorted(invitees)])


def emargement_pdf(sitting: Sitting, officials, invitees=()) -> bytes:
    """A4 landscape: the séance's header, the officials then the invitees with a signature column, « Page x / y »."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=9.5)
    buffer = BytesIO()

    def page_number(canvas, document, total=None):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(
            document.pagesize[0] - 15 * mm,
            8 * mm,
            f"Page {canvas.getPageNumber()} / {total or '{total}'}",
        )
        canvas.restoreState()

    start = sitting.start.astimezone(PARIS)
    story = [
        paragraph(f"{sitting.collectivity} — {sitting.assembly}", styles["Heading2"]),
        paragraph(
            f"{sitting.title} : {start:%d/%m/%Y} à {time_of_day(start)}, {sitting.location}",
            styles["BodyText"],
        ),
        paragraph("Liste d'émargement", styles["Heading3"]),
    ]
    for heading, rows in (("Élus", officials), ("Invités", invitees)):
        if not rows:
            continue
        story.append(Spacer(1, 4 * mm))
        story.append(paragraph(heading, styles["Heading4"]))
        data = [[*COLUMNS, "Signature"]] + [
            [paragraph(cell, small, limit=CELL_CHARACTERS) for cell in _cells(row)] + [""]
            for row in _sorted(rows)
        ]
        widths = [28, 24, 32, 26, 24, 24, 22, 28, 22, 40]
        table = header_table(
            data,
            widths,
            7.5,
            "MIDDLE",
            [
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
                ("TOPPADDING", (0, 1), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
            ],
        )
        story.append(table)

    def build(total=None):
        buffer.seek(0)
        buffer.truncate()
        document = SimpleDocTemplate(
            buffer,
            pagesize=landscape(A4),
            leftMargin=10 * mm,
            rightMargin=10 * mm,
            topMargin=12 * mm,
            bottomMargin=14 * mm,
            title=f"Émargement — {sitting.title}",
        )
        numbered = lambda canvas, doc: page_number(canvas, doc, total)  # noqa: E731
        document.build(list(story), onFirstPage=numbered, onLaterPages=numbered)
        return document.page

    # Two passes: the first counts the pages that « Page x / y » needs.
    build(total=build())
    return buffer.getvalue()
