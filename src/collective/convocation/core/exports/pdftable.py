"""The one table of the add-on's PDFs: a shaded bold header repeated on each page, a grid."""

from collective.convocation.core.exports.pdftext import paragraph
from io import BytesIO
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Table
from reportlab.platypus import TableStyle


HEADER_BACKGROUND = colors.HexColor("#dde3ea")
# The left and right margins of a landscape sheet, and the width they leave on A4.
MARGIN_MM = 10
PRINTABLE_WIDTH_MM = 297 - 2 * MARGIN_MM
# ReportLab's default left and right padding of a cell, in points.
CELL_PADDING = 6


def header_table(data, widths_mm, header_font_size, valign="TOP", more_style=()) -> Table:
    """``data`` (its first row the header) as a table ``widths_mm`` wide.

    A long text typed in a cell continues on the next page, under the header again.
    """
    table = Table(data, colWidths=[width * mm for width in widths_mm], repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", header_font_size),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), valign),
                *more_style,
            ]
        )
    )
    return table


def header_cells(texts, font_size) -> list:
    """The header row as Paragraphs: a long header wraps inside its column, never over the next one."""
    style = ParagraphStyle(
        "header",
        fontName="Helvetica-Bold",
        fontSize=font_size,
        leading=font_size * 1.2,
    )
    return [paragraph(text, style) for text in texts]


def fits(word: str, width_mm: float, font_size: float, font="Helvetica-Bold") -> bool:
    """Whether ``word`` fits on one line of a cell ``width_mm`` wide, padding left aside."""
    return stringWidth(word, font, font_size) <= width_mm * mm - 2 * CELL_PADDING


class _NumberedCanvas(Canvas):
    """Writes « Page x / y » at the foot of each page once the last one is known.

    Each page is kept aside when it ends and written out at the end, so the
    story is laid out once, not a first time only to count its pages.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._ended_pages = []

    def showPage(self):
        self._ended_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._ended_pages)
        for state in self._ended_pages:
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.drawRightString(
                self._pagesize[0] - 15 * mm, 8 * mm, f"Page {self.getPageNumber()} / {total}"
            )
            super().showPage()
        super().save()


def numbered_landscape_pdf(story, title: str) -> bytes:
    """``story`` laid out on A4 landscape, « Page x / y » at the foot of each page."""
    buffer = BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=MARGIN_MM * mm,
        rightMargin=MARGIN_MM * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=title,
    ).build(list(story), canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
