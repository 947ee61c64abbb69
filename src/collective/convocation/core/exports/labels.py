"""Address labels, free of Plone: an A4 sheet of 3 × 8 labels of 70 × 37 mm per 24 paper recipients.

The format of Avery's 3474 (Herma 4453, Agipa 119022…), common in French
offices: labels edge to edge across the sheet's width, 0.5 mm left at the top.
"""

from collective.convocation.core.exports.dossier import notice_page
from io import BytesIO
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas


COLUMNS = 3
ROWS = 8
LABEL_WIDTH = 70 * mm
LABEL_HEIGHT = 37 * mm
TOP = 0.5 * mm  # (297 - 8 × 37) / 2
LEFT = 0.0
PADDING = 5 * mm  # inside the label: printers shift a little
SIZE = 10
LEADING = 4.3 * mm
FONT = "Helvetica"
NO_LABEL = "Aucun destinataire ne reçoit la convocation sur papier"
FORMAT = "70 × 37 mm, 3 × 8 par feuille A4 (Avery 3474)"


def position(index: int) -> tuple[float, float]:
    """(left, top from the page's top) of the ``index``-th label of a sheet, row by row."""
    row, column = divmod(index % (COLUMNS * ROWS), COLUMNS)
    return LEFT + column * LABEL_WIDTH, TOP + row * LABEL_HEIGHT


def _line(canvas, text, left, top, width):
    size = SIZE
    while size > 6 and stringWidth(text, FONT, size) > width:
        size -= 0.5  # smaller rather than cut: a postcode must stay whole
    canvas.setFont(FONT, size)
    canvas.drawString(left, A4[1] - top, text)


def labels_pdf(addressees, title: str = "Étiquettes") -> bytes:
    """One label per addressee with an address, in the order given; a new sheet every 24.

    An addressee without an address gets no label: a blank one would be posted nowhere.
    """
    addressees = [addressee for addressee in addressees if addressee.has_address]
    if not addressees:
        return notice_page(NO_LABEL, "")
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(title)
    per_sheet = COLUMNS * ROWS
    for index, addressee in enumerate(addressees):
        if index and index % per_sheet == 0:
            canvas.showPage()
        left, top = position(index)
        lines = (addressee.name_line, *addressee.lines)
        # The block is centred in the label's height, as an address is on an envelope.
        top += max(PADDING, (LABEL_HEIGHT - len(lines) * LEADING) / 2) + SIZE * 0.8
        for line in lines:
            _line(canvas, line, left + PADDING, top, LABEL_WIDTH - 2 * PADDING)
            top += LEADING
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
