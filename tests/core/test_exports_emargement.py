"""The attendance sheet rendered without Plone, read back as a user's tools read it."""

from collective.convocation.core.exports.emargement import emargement_csv
from collective.convocation.core.exports.emargement import emargement_pdf
from collective.convocation.core.exports.emargement import Row
from collective.convocation.core.exports.emargement import Sitting
from datetime import datetime
from datetime import timedelta
from expected import EMARGEMENT_COLUMNS
from expected import EMARGEMENT_CSV_HEADER
from io import BytesIO
from pypdf import PdfReader
from zoneinfo import ZoneInfo

import csv
import io
import re


PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2026, 12, 1, 9, 5, tzinfo=PARIS)
SITTING = Sitting(
    "Commune de Saint-Démo",
    "Conseil municipal",
    "Conseil municipal du 15 décembre 2026",
    datetime(2026, 12, 15, 18, 30, tzinfo=PARIS),
    "Salle du conseil",
)


def officials(count):
    return [
        Row(
            f"Nom{number:03d}",
            f"Prénom{number}",
            "Conseiller municipal",
            "Majorité",
            SENT,
            SENT + timedelta(hours=number),
            "Présent",
            "",
            "Présent",
        )
        for number in range(count)
    ]


def test_csv_as_a_spreadsheet_reads_it():
    rows = [
        Row(
            "Marchand",
            "Hélène",
            "Maire",
            "Saint-Démo Avenir",
            SENT,
            SENT + timedelta(hours=2),
            "Donne pouvoir",
            "Joël Lefèvre",
            "Absent",
        ),
        Row("Caron", "Rémi", "Adjoint", "Saint-Démo Avenir", SENT, None, "Présent", "", ""),
    ]
    data = emargement_csv(rows, [Row("Durand", "Agnès", "DGS", "", SENT)])
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert ";".join(table[0]) == EMARGEMENT_CSV_HEADER  # the proxy's column comes last
    assert [row[0] for row in table[1:]] == [
        "Caron",
        "Marchand",
        "Durand",
    ]  # officials by name, then invitees
    assert table[2] == [
        "Marchand",
        "Hélène",
        "Maire",
        "Saint-Démo Avenir",
        "01/12/2026 09:05",
        "01/12/2026 11:05",
        "Donne pouvoir",
        "Joël Lefèvre",
        "Absent",
        "Pouvoir d'Hélène Marchand donné à Joël Lefèvre",
    ]
    assert table[1][-1] == ""  # no proxy, an empty last cell


def test_pdf_holds_every_recipient_the_columns_and_page_numbers():
    pdf = PdfReader(
        BytesIO(emargement_pdf(SITTING, officials(60), [Row("Durand", "Agnès", "DGS")]))
    )
    pages = len(pdf.pages)
    assert pages >= 2
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for column in (*EMARGEMENT_COLUMNS[:8], "Signature"):
        assert column in text
    # the last header wraps inside its cell: whole once the blanks are taken out
    assert "Présenceeffective" in "".join(text.split())
    assert "Commune de Saint-Démo — Conseil municipal" in text
    assert "15/12/2026 à 18h30, Salle du conseil" in text
    assert all(f"Nom{number:03d}" in text for number in range(60))
    assert text.index("Nom059") < text.index("Invités") < text.index("Durand")
    assert f"Page 1 / {pages}" in pdf.pages[0].extract_text()
    assert f"Page {pages} / {pages}" in pdf.pages[-1].extract_text()


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_headers_wrap_inside_their_columns_and_the_signature_has_room():
    from collective.convocation.core.exports.emargement import COLUMN_WIDTHS_MM
    from collective.convocation.core.exports.emargement import HEADER_FONT_SIZE
    from collective.convocation.core.exports.emargement import PDF_COLUMNS
    from collective.convocation.core.exports.emargement import PRINTABLE_WIDTH_MM
    from collective.convocation.core.exports.emargement import SIGNATURE_WIDTH_MM
    from collective.convocation.core.exports.pdftable import fits

    assert PDF_COLUMNS[-1] == "Signature"
    assert COLUMN_WIDTHS_MM[-1] == SIGNATURE_WIDTH_MM >= 50  # 5 cm to sign
    assert len(COLUMN_WIDTHS_MM) == len(PDF_COLUMNS)
    assert sum(COLUMN_WIDTHS_MM) <= PRINTABLE_WIDTH_MM
    for header, width in zip(PDF_COLUMNS, COLUMN_WIDTHS_MM, strict=True):
        for word in header.split():
            assert fits(word, width, HEADER_FONT_SIZE), (word, width)

    lines = pdf_text(emargement_pdf(SITTING, officials(2))).splitlines()
    # Each header is its own run of words: « Présence effective » wraps in its cell,
    # and never runs into « Signature ».
    assert "Signature" in lines
    assert not any("effectiveSignature" in line or "effective Signature" in line for line in lines)
    assert lines.index("Mandataire") < lines.index("effective") < lines.index("Signature")


def test_names_are_sorted_the_french_way():
    rows = [
        Row("Zoé", "Anne"),
        Row("Étienne", "Paul"),
        Row("Hugo", "Léa"),
        Row("Hélène", "Marc"),
        Row("hélène", "Albert"),
    ]
    text = pdf_text(emargement_pdf(SITTING, rows))
    assert text.index("Étienne") < text.index("Hélène") < text.index("Hugo") < text.index("Zoé")
    assert text.index("Albert") < text.index("Marc")  # same last name, first names decide
    table = list(csv.reader(io.StringIO(emargement_csv(rows).decode("utf-8-sig")), delimiter=";"))
    assert [row[:2] for row in table[1:]] == [
        ["Étienne", "Paul"],
        ["hélène", "Albert"],
        ["Hélène", "Marc"],
        ["Hugo", "Léa"],
        ["Zoé", "Anne"],
    ]


def test_the_collation_key_ignores_accents_and_case_ties_broken_by_the_raw_string():
    from collective.convocation.core.names import sort_key

    names = ["Zoé", "etienne", "Étienne", "Hugo", "Hélène", "Ève", "Eve", "Émile"]
    assert sorted(names, key=sort_key) == [
        "Émile",
        "etienne",
        "Étienne",
        "Eve",
        "Ève",
        "Hélène",
        "Hugo",
        "Zoé",
    ]


def sitting_rows():
    """Five members in office: two present, one gives a proxy to one of them, one absent, one silent."""
    return [
        Row("Zoé", "Anne", attendance="Présent", declared="present"),
        Row("Bernard", "Yves", attendance="Présent", declared="present"),
        Row(
            "Étienne",
            "Paul",
            attendance="Donne pouvoir",
            proxy_holder="Anne Zoé",
            declared="proxy",
        ),
        Row("Hugo", "Léa", attendance="Absent", declared="absent"),
        Row("Hélène", "Marc"),
    ]


def test_the_proxy_holder_signs_on_a_line_of_his_own():
    text = pdf_text(emargement_pdf(SITTING, sitting_rows()))
    line = "Pouvoir de Paul Étienne donné à Anne Zoé — signature du mandataire"
    assert line in text
    assert text.index("Étienne") < text.index(line) < text.index("Hélène")  # under the giver


def test_totals_and_quorum_from_the_declared_attendance():
    text = pdf_text(emargement_pdf(SITTING, sitting_rows(), [Row("Durand", "Agnès")]))
    assert "Totaux des élus" in text
    assert (
        "Présence déclarée : 2 présents, 1 représenté, 1 absent, 1 sans réponse. "
        "Quorum non atteint (3 requis sur 5 membres en exercice)"
    ) in " ".join(text.split())
    assert "Présence effective (appel)" not in text  # no roll call yet
    assert text.index("Totaux des élus") < text.index("Invités")  # invitees never count


def test_totals_and_quorum_from_the_roll_call_side_by_side():
    from dataclasses import replace

    rows = sitting_rows()
    rows = [
        replace(rows[0], roll_call="present"),
        replace(rows[1], roll_call="late"),
        replace(rows[2], roll_call="absent"),
        replace(rows[3], roll_call="present"),
        replace(rows[4], roll_call="absent"),
    ]
    flat = " ".join(pdf_text(emargement_pdf(SITTING, rows)).split())
    assert "Présence déclarée : 2 présents" in flat
    assert "Quorum non atteint (3 requis sur 5 membres en exercice)" in flat
    assert (
        "Présence effective (appel) : 3 présents, 1 représenté, 1 absent. "
        "Quorum atteint (3 requis sur 5 membres en exercice)"
    ) in flat


def test_signature_blocks_close_the_sheet():
    text = pdf_text(emargement_pdf(SITTING, officials(3), [Row("Durand", "Agnès")]))
    assert text.index("Durand") < text.index("Le président de séance")
    assert "Le secrétaire de séance" in text


def header_runs(data):
    """(text, x, y) of each bold header run on the first page, where the PDF prints it."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font and font.get("/BaseFont") == "/Helvetica-Bold" and size < 8:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x, y))

    PdfReader(BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return runs


def test_no_header_runs_into_the_next_one_on_the_page():
    from collective.convocation.core.exports.emargement import COLUMN_WIDTHS_MM
    from collective.convocation.core.exports.emargement import HEADER_FONT_SIZE
    from collective.convocation.core.exports.pdftable import CELL_PADDING
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    runs = header_runs(emargement_pdf(SITTING, officials(2)))
    words = [text for text, _, _ in runs]
    # « Présence effective » on two lines of its own cell
    assert words == [*EMARGEMENT_COLUMNS[:8], "Présence", "effective", "Signature"]
    left = runs[0][1] - CELL_PADDING
    edges = [left]
    for width in COLUMN_WIDTHS_MM:
        edges.append(edges[-1] + width * mm)
    columns = [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9]
    for (text, x, _), column in zip(runs, columns, strict=True):
        end = x + stringWidth(text, "Helvetica-Bold", HEADER_FONT_SIZE)
        assert edges[column] <= x and end <= edges[column + 1] - CELL_PADDING, text
    signature_x = runs[-1][1] - CELL_PADDING
    assert edges[-1] - signature_x >= 50 * mm  # 5 cm to sign, as printed


def test_remote_attendance_counts_for_the_quorum_only_where_the_assembly_says_so():
    from dataclasses import replace

    rows = sitting_rows()
    rows[3] = replace(rows[3], attendance="À distance", declared="remote")
    for counts, verdict in ((False, "Quorum non atteint"), (True, "Quorum atteint")):
        sitting = replace(SITTING, remote_counts=counts)
        flat = " ".join(pdf_text(emargement_pdf(sitting, rows)).split())
        assert "Présence déclarée : 2 présents, 1 à distance, 1 représenté, 0 absent" in flat
        assert f"{verdict} (3 requis sur 5 membres en exercice)" in flat


def test_500_recipients_each_on_the_sheet_under_headers_on_every_page():
    rows = officials(500)
    pdf = PdfReader(BytesIO(emargement_pdf(SITTING, rows)))
    texts = [page.extract_text() for page in pdf.pages]
    assert len(texts) > 10
    for number, text in enumerate(texts[:-1], start=1):  # the last may hold the signatures only
        lines = text.splitlines()
        assert all(column in lines for column in EMARGEMENT_COLUMNS[:8] + ("Signature",))
        assert f"Page {number} / {len(texts)}" in text
    flat = "\n".join(texts)
    assert re.findall(r"\bNom\d{3}\b", flat) == [f"Nom{n:03d}" for n in range(500)]
    # a date wraps in its cell, as it did as a Paragraph: « 01/12/2026 » above « 09:05 »
    assert "01/12/2026\n09:05" in flat


def test_a_cell_is_a_plain_string_broken_as_a_paragraph_would_be():
    from collective.convocation.core.exports.pdftext import cell
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph

    small = getSampleStyleSheet()["BodyText"].clone("small", fontSize=8, leading=9.5)
    assert cell("Nom001", small, 60) == "Nom001"
    assert cell("  <b>Jean</b>\n &amp;\x07Co  ", small, 200) == "<b>Jean</b> &amp; Co"
    assert cell("Conseiller municipal délégué aux finances", small, 60) == (
        "Conseiller\nmunicipal\ndélégué aux\nfinances"
    )
    paragraph = Paragraph("Conseiller municipal délégué aux finances", small)
    paragraph.wrap(60, 1000)
    assert [" ".join(line[1]) for line in paragraph.blPara.lines] == [
        "Conseiller",
        "municipal",
        "délégué aux",
        "finances",
    ]
    # A word wider than its column is left to a Paragraph, which splits it.
    assert isinstance(cell("Anticonstitutionnellement" * 3, small, 60), Paragraph)
    assert isinstance(cell("mot " * 100, small, 60, limit=200), Paragraph)
