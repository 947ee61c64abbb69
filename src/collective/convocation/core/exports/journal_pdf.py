"""The evidence journal as a printable PDF, free of Plone: entries as an agent reads them in, bytes out.

The JSON and CSV keep every hashed field for whoever checks the chain again;
the PDF is for the file and the archive: who did what and when, in French,
each entry's fingerprint, the verification and the public key of the seals.
"""

from collective.convocation.core.exports.pdftable import header_cells
from collective.convocation.core.exports.pdftable import header_table
from collective.convocation.core.exports.pdftable import numbered_landscape_pdf
from collective.convocation.core.exports.pdftext import paragraph
from dataclasses import dataclass
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Preformatted
from reportlab.platypus import Spacer


COLUMNS = ("N°", "Date", "Événement", "Auteur", "Détails", "Empreinte")
WIDTHS_MM = (12, 28, 45, 38, 92, 62)
HEADER_FONT_SIZE = 8
# A summary longer than this is cut (« … »): the JSON keeps the entry whole.
SUMMARY_CHARACTERS = 600


@dataclass(frozen=True)
class PrintedEntry:
    seq: int
    when: str  # « 15/12/2026 18:30 », Europe/Paris
    kind: str  # the event's French title
    actor: str  # a name, not a user id
    details: tuple = ()  # the data as an agent reads it, each part a text
    fingerprint: str = ""


def summary(details) -> str:
    """The entry's data on one line."""
    return " · ".join(" ".join(str(part).split()) for part in details if part)


def journal_pdf(
    seance_title: str, entries, message: str, public_key: str, valid: bool = True
) -> bytes:
    """A4 landscape: title, séance, one row per entry, the verification message, the public key."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=9.5)
    code = styles["Code"].clone("key", fontSize=7, leading=8.5)
    rows = [header_cells(COLUMNS, HEADER_FONT_SIZE)] + [
        [
            paragraph(entry.seq, small),
            paragraph(entry.when, small),
            paragraph(entry.kind, small),
            paragraph(entry.actor, small),
            paragraph(summary(entry.details), small, limit=SUMMARY_CHARACTERS),
            paragraph(entry.fingerprint, small),
        ]
        for entry in entries
    ]
    story = [
        paragraph("Journal de preuve", styles["Heading2"]),
        paragraph(seance_title, styles["Heading3"]),
        paragraph(
            "Chaque entrée est chaînée à la précédente par son empreinte SHA-256 : "
            "modifier une entrée rompt la chaîne.",
            styles["BodyText"],
        ),
        Spacer(1, 3 * mm),
        paragraph("Vérification", styles["Heading4"]),
        paragraph(("" if valid else "ÉCHEC : ") + message, styles["BodyText"]),
        Spacer(1, 3 * mm),
        header_table(rows, WIDTHS_MM, HEADER_FONT_SIZE),
        Spacer(1, 5 * mm),
        paragraph("Clé publique des sceaux", styles["Heading4"]),
        Preformatted(public_key.strip(), code),
    ]
    return numbered_landscape_pdf(story, f"Journal de preuve — {seance_title}")
