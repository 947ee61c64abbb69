"""The attendance sheet (liste d'émargement), free of Plone: rows in, CSV or PDF bytes out."""

from collective.convocation.core import forecast
from collective.convocation.core.dates import moment
from collective.convocation.core.dates import PARIS
from collective.convocation.core.dates import time_of_day
from collective.convocation.core.exports.pdftable import CELL_PADDING
from collective.convocation.core.exports.pdftable import header_cells
from collective.convocation.core.exports.pdftable import header_table
from collective.convocation.core.exports.pdftable import numbered_landscape_pdf
from collective.convocation.core.exports.pdftable import PRINTABLE_WIDTH_MM
from collective.convocation.core.exports.pdftext import cell
from collective.convocation.core.exports.pdftext import paragraph
from collective.convocation.core.exports.table import csv_bytes
from collective.convocation.core.names import joined
from collective.convocation.core.names import sort_key
from collective.convocation.core.wording import of
from dataclasses import dataclass
from datetime import datetime
from reportlab.lib import colors
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle


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
# The CSV's last column, added after the others so that none moves.
PROXY_COLUMN = "Pouvoir"
CSV_COLUMNS = (*COLUMNS, PROXY_COLUMN)
SIGNATURE = "Signature"
PDF_COLUMNS = (*COLUMNS, SIGNATURE)

# The PDF's column widths in millimetres, in the order of PDF_COLUMNS: each header's
# words fit their column (tests/core check it), the signature gets room to sign.
SIGNATURE_WIDTH_MM = 60
COLUMN_WIDTHS_MM = (26, 22, 28, 24, 21, 21, 21, 26, 21, SIGNATURE_WIDTH_MM)
HEADER_FONT_SIZE = 7.5


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
    # The stored values behind the French words, for the totals and the quorum.
    declared: str = "unanswered"  # vocabularies.attendances
    roll_call: str | None = None  # vocabularies.actual_attendances, None before the roll call
    seat: str = "titular"  # titular | deputy


@dataclass(frozen=True)
class Sitting:
    collectivity: str
    assembly: str
    title: str
    start: datetime
    location: str
    quorum_rule: str = "majority"
    remote_counts: bool = False


def sorted_rows(rows) -> list:
    """By last name then first name, the French way (« Étienne » before « Zoé »)."""
    return sorted(rows, key=lambda row: sort_key(row.last_name, row.first_name))


def proxy_line(row) -> str:
    """« Pouvoir de X donné à Y »: where the holder signs for the giver; "" without a proxy."""
    if not row.proxy_holder:
        return ""
    return f"Pouvoir {of(joined(row.first_name, row.last_name))} donné à {row.proxy_holder}"


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
    return csv_bytes(
        CSV_COLUMNS,
        [[*_cells(row), proxy_line(row)] for row in sorted_rows(officials) + sorted_rows(invitees)],
    )


def _count(number, singular, plural):
    return f"{number} {singular if number < 2 else plural}"


def _quorum(reached, required, members):
    if not required:
        return "Pas de quorum requis"
    verdict = "Quorum atteint" if reached else "Quorum non atteint"
    return f"{verdict} ({required} requis sur {_count(members, 'membre', 'membres')} en exercice)"


def totals(officials, rule="majority", remote_counts=False) -> list[str]:
    """The lines under the officials: declared attendance, then the roll call once recorded.

    The quorum is core/forecast's (core/legal's rule): proxies never count,
    remote attendance only where the assembly says so.
    """
    lines = [
        forecast.Line(
            userid="",
            name="",
            category="convocation",
            seat=row.seat,
            attendance=row.declared or "unanswered",
            actual=row.roll_call,
        )
        for row in officials
    ]
    figures = forecast.quorum_forecast(lines, remote_counts, rule)
    members, required = figures["members_in_office"], figures["required"]
    declared = forecast.counts(lines)
    parts = [_count(declared["present"], "présent", "présents")]
    if declared["remote"]:
        parts.append(_count(declared["remote"], "à distance", "à distance"))
    parts.append(_count(declared["proxies"], "représenté", "représentés"))
    parts.append(_count(declared["absent"], "absent", "absents"))
    if declared["replaced"]:
        parts.append(_count(declared["replaced"], "remplacé", "remplacés") + " par un suppléant")
    unanswered = len(lines) - declared["answered"]
    if unanswered:
        parts.append(_count(unanswered, "sans réponse", "sans réponse"))
    found = [
        f"Présence déclarée : {', '.join(parts)}. " + _quorum(figures["reached"], required, members)
    ]
    if any(line.actual for line in lines):
        in_the_room = figures["in_the_room"]
        represented = sum(
            1
            for line in lines
            if line.attendance == "proxy" and line.actual not in forecast.IN_THE_ROOM
        )
        absent = len(lines) - in_the_room - represented
        found.append(
            "Présence effective (appel) : "
            + ", ".join(
                (
                    _count(in_the_room, "présent", "présents"),
                    _count(represented, "représenté", "représentés"),
                    _count(absent, "absent", "absents"),
                )
            )
            + ". "
            + _quorum(figures["reached_in_the_room"], required, members)
        )
    return found


def _sheet(rows, small):
    """The table of ``rows``, each proxy followed by the line where its holder signs."""
    data = [header_cells(PDF_COLUMNS, HEADER_FONT_SIZE)]
    spans = []
    widths = [width * mm - 2 * CELL_PADDING for width in COLUMN_WIDTHS_MM]
    for row in sorted_rows(rows):
        data.append(
            [
                cell(value, small, width, limit=CELL_CHARACTERS)
                for value, width in zip(_cells(row), widths, strict=False)
            ]
            + [""]
        )
        line = proxy_line(row)
        if line:
            spans.append(len(data))
            data.append(
                [
                    paragraph(
                        f"{line} — signature du mandataire",
                        small,
                        limit=2 * CELL_CHARACTERS,
                    ),
                    *[""] * (len(COLUMNS) - 1),
                    "",
                ]
            )
    style = [
        # The cells drawn as plain strings, in the Paragraphs' font.
        ("FONT", (0, 1), (-1, -1), small.fontName, small.fontSize, small.leading),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")]),
        ("TOPPADDING", (0, 1), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
    ]
    for index in spans:
        style.append(("SPAN", (0, index), (len(COLUMNS) - 1, index)))
        style.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#eef3f8")))
    return header_table(data, COLUMN_WIDTHS_MM, HEADER_FONT_SIZE, "MIDDLE", style)


def signature_blocks(styles):
    """« Le président de séance » and « Le secrétaire de séance », with room to sign."""
    half = PRINTABLE_WIDTH_MM / 2 * mm
    table = Table(
        [
            [
                paragraph("Le président de séance", styles["Heading4"]),
                paragraph("Le secrétaire de séance", styles["Heading4"]),
            ],
            [
                paragraph("Nom et signature :", styles["BodyText"]),
                paragraph("Nom et signature :", styles["BodyText"]),
            ],
        ],
        colWidths=[half, half],
        rowHeights=[None, 30 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def emargement_pdf(sitting: Sitting, officials, invitees=()) -> bytes:
    """A4 landscape: the séance's header, the officials (each proxy with its holder's line), their
    totals and quorum, the invitees, a signature column, the signature blocks, « Page x / y »."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=9.5)
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
        story.append(_sheet(rows, small))
        if heading == "Élus":
            story.append(Spacer(1, 3 * mm))
            story.append(
                KeepTogether(
                    [paragraph("Totaux des élus", styles["Heading4"])]
                    + [
                        paragraph(line, styles["BodyText"])
                        for line in totals(officials, sitting.quorum_rule, sitting.remote_counts)
                    ]
                )
            )
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([signature_blocks(styles)]))
    return numbered_landscape_pdf(story, f"Émargement — {sitting.title}")
