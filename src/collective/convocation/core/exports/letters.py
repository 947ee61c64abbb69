"""Paper convocations, free of Plone: one letter per paper recipient, each followed by the documents.

The recipient's address is printed where the window of a DL envelope shows it
(La Poste's 110 × 220 mm envelope, its 45 × 100 mm window 20 mm from the right
and 15 mm from the bottom): on the A4 sheet folded in three, the area from
100 to 195 mm from the left, 45 to 90 mm from the top.
"""

from collective.convocation.core.dates import french_date
from collective.convocation.core.exports.dossier import notice_page
from collective.convocation.core.exports.pdftext import markup_text
from collective.convocation.core.exports.pdftext import paragraph
from collective.convocation.core.postal import Addressee
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pypdf import PdfReader
from pypdf import PdfWriter
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate
from reportlab.platypus import Frame
from reportlab.platypus import KeepTogether
from reportlab.platypus import ListFlowable
from reportlab.platypus import ListItem
from reportlab.platypus import NextPageTemplate
from reportlab.platypus import PageTemplate
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer


PAGE_WIDTH, PAGE_HEIGHT = A4
# The envelope's window on the folded sheet, from the page's top left corner (mm).
WINDOW = {"left": 100, "top": 45, "width": 95, "height": 45}
# The address inside it, clear of the window's edges: a sorting machine reads it whole.
ADDRESS_LEFT = 108 * mm
ADDRESS_TOP = 52 * mm
ADDRESS_WIDTH = 82 * mm
ADDRESS_SIZE = 11
ADDRESS_LEADING = 5 * mm
MARGIN = 20 * mm
# The letter's text starts below the window and the date.
TEXT_TOP = 105 * mm
NO_LETTER = "Aucun destinataire ne reçoit la convocation sur papier"
FONT = "Helvetica"
BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class Letter:
    sender: str  # the collectivity, as its mails name it
    sender_lines: tuple  # its postal address, if known
    addressee: Addressee
    place: str  # the town the letter is written from, "" if unknown
    day: date  # the day the convocation was sent
    subject: str  # « Convocation – Conseil municipal du 15 décembre 2026 »
    text: str  # the convocation mail's text, tags replaced
    agenda: tuple = ()  # (number, title) of each item, in order
    signatory: str = ""


def dated(place: str, day: date) -> str:
    """« Saint-Demo, le 1er décembre 2026 », or « Le 1er décembre 2026 » without a town."""
    return f"{place}, le {french_date(day)}" if place else f"Le {french_date(day)}"


def _fitted(canvas, text, left, top, width, size, font=FONT):
    """One line at ``top`` from the page's top, smaller when it is too wide, never cut."""
    while size > 6 and stringWidth(text, font, size) > width:
        size -= 0.5
    canvas.setFont(font, size)
    canvas.drawString(left, PAGE_HEIGHT - top, text)


def _first_page(letter):
    def draw(canvas, document):
        canvas.saveState()
        top = MARGIN
        _fitted(canvas, letter.sender, MARGIN, top, 80 * mm, 11, BOLD)
        for line in letter.sender_lines:
            top += 4.5 * mm
            _fitted(canvas, line, MARGIN, top, 80 * mm, 10)
        top = ADDRESS_TOP
        for line in (letter.addressee.name_line, *letter.addressee.lines):
            _fitted(canvas, line, ADDRESS_LEFT, top, ADDRESS_WIDTH, ADDRESS_SIZE)
            top += ADDRESS_LEADING
        _fitted(canvas, dated(letter.place, letter.day), ADDRESS_LEFT, 97 * mm, ADDRESS_WIDTH, 10)
        canvas.restoreState()

    return draw


def _text(text, style):
    """The mail's text as paragraphs: a blank line between them, line breaks kept."""
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [markup_text(line) for line in block.split("\n")]
        if any(line.strip() for line in lines):
            yield Paragraph("<br/>".join(lines), style)


def _story(letter):
    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("letter", fontName=FONT, fontSize=10.5, leading=14)
    strong = body.clone("subject", fontName=BOLD)
    heading = body.clone("agenda", fontName=BOLD, spaceBefore=6)
    signed = body.clone("signature", alignment=TA_RIGHT)
    story = [NextPageTemplate("later"), paragraph(f"Objet : {letter.subject}", strong)]
    story.append(Spacer(1, 4 * mm))
    story.extend(_text(letter.text, body))
    if letter.agenda:
        story.append(paragraph("Ordre du jour", heading))
        story.append(
            ListFlowable(
                [
                    ListItem(paragraph(title, body), value=number or str(index))
                    for index, (number, title) in enumerate(letter.agenda, start=1)
                ],
                bulletType="1",
                bulletFormat="%s.",
                leftIndent=10 * mm,
                bulletFontName=FONT,
                bulletFontSize=10.5,
            )
        )
    story.append(
        KeepTogether(
            [
                Spacer(1, 8 * mm),
                paragraph(letter.signatory or letter.sender, signed),
                Spacer(1, 18 * mm),  # room for the handwritten signature
                Paragraph("Signature", signed),
            ]
        )
    )
    return story


def letter_pdf(letter: Letter) -> bytes:
    """One letter: sender, address in the window, place and date, subject, text, agenda, signature."""
    buffer = BytesIO()
    width = PAGE_WIDTH - 2 * MARGIN
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=letter.subject,
        author=letter.sender,
        pageTemplates=[
            PageTemplate(
                "first",
                [Frame(MARGIN, MARGIN, width, PAGE_HEIGHT - TEXT_TOP - MARGIN)],
                onPage=_first_page(letter),
            ),
            PageTemplate("later", [Frame(MARGIN, MARGIN, width, PAGE_HEIGHT - 2 * MARGIN)]),
        ],
    )
    document.build(_story(letter))
    return buffer.getvalue()


def letters_pdf(letters, documents: bytes | None = None, title: str = "") -> bytes:
    """Each letter followed by ``documents`` (the séance's dossier), a bookmark per recipient.

    The documents are read once and their pages appended after every letter.
    """
    letters = list(letters)
    if not letters:
        return notice_page(NO_LETTER, "")
    writer = PdfWriter()
    appended = PdfReader(BytesIO(documents)) if documents else None
    for letter in letters:
        start = len(writer.pages)
        writer.append(PdfReader(BytesIO(letter_pdf(letter))), import_outline=False)
        if appended is not None:
            writer.append(appended, import_outline=False)
        writer.add_outline_item(title=letter.addressee.name_line, page_number=start)
    if title:
        writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
