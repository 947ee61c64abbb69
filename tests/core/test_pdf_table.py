"""The one table of the PDFs: the header repeated on each page, long cells split."""

from collective.convocation.core.exports.pdftable import header_table
from io import BytesIO
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate


def test_a_long_table_repeats_its_header_on_each_page():
    table = header_table([["Nom", "Motif"]] + [[f"n{i}", "x"] for i in range(200)], [60, 60], 9)
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([table])
    pages = PdfReader(BytesIO(buffer.getvalue())).pages
    assert len(pages) > 1
    assert all("Nom" in page.extract_text() for page in pages)


def test_header_table_widths_are_in_millimetres():
    table = header_table([["A", "B"]], [10, 20], 8, "MIDDLE")
    assert [round(width / 72 * 25.4) for width in table._colWidths] == [10, 20]
