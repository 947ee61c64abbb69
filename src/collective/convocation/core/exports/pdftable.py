"""The one table of the add-on's PDFs: a shaded bold header repeated on each page, a grid."""

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table
from reportlab.platypus import TableStyle


HEADER_BACKGROUND = colors.HexColor("#dde3ea")


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
