"""The attendance sheet rendered without Plone, read back as a user's tools read it."""

from collective.convocation.core.exports.emargement import emargement_csv
from collective.convocation.core.exports.emargement import emargement_pdf
from collective.convocation.core.exports.emargement import Row
from collective.convocation.core.exports.emargement import Sitting
from datetime import datetime
from datetime import timedelta
from expected import EMARGEMENT_COLUMNS
from io import BytesIO
from pypdf import PdfReader
from zoneinfo import ZoneInfo

import csv
import io


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
    assert table[0] == list(EMARGEMENT_COLUMNS)
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
    ]


def test_pdf_holds_every_recipient_the_columns_and_page_numbers():
    pdf = PdfReader(
        BytesIO(emargement_pdf(SITTING, officials(60), [Row("Durand", "Agnès", "DGS")]))
    )
    pages = len(pdf.pages)
    assert pages >= 2
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for column in (*EMARGEMENT_COLUMNS[:8], "Signature"):
        assert column in text
    assert "Commune de Saint-Démo — Conseil municipal" in text
    assert "15/12/2026 à 18h30, Salle du conseil" in text
    assert all(f"Nom{number:03d}" in text for number in range(60))
    assert text.index("Nom059") < text.index("Invités") < text.index("Durand")
    assert f"Page 1 / {pages}" in pdf.pages[0].extract_text()
    assert f"Page {pages} / {pages}" in pdf.pages[-1].extract_text()
