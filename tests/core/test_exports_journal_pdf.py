"""The evidence journal as a printable PDF, rendered without Plone and read back as text."""

from collective.convocation.core.exports.journal_pdf import journal_pdf
from collective.convocation.core.exports.journal_pdf import PrintedEntry
from collective.convocation.core.exports.journal_pdf import summary
from collective.convocation.core.exports.journal_pdf import WIDTHS_MM
from collective.convocation.core.exports.pdftable import PRINTABLE_WIDTH_MM
from io import BytesIO
from pypdf import PdfReader


KEY = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAabcdefghijklmnop\n-----END PUBLIC KEY-----\n"


def text_of(data):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def entries(count=2):
    return [
        PrintedEntry(
            number,
            "15/12/2026 18:30",
            "Accusé de réception",
            "Odile <b>Officielle</b> & co",
            ("Odile Officielle", "Présent\r\n=1+1"),
            f"{number:064x}",
        )
        for number in range(count)
    ]


def test_the_pdf_holds_each_entry_the_verification_and_the_key():
    text = text_of(
        journal_pdf(
            "Conseil municipal du 15 décembre 2026",
            entries(),
            "La chaîne est intacte : 2 entrées vérifiées.",
            KEY,
        )
    )
    assert "Journal de preuve" in text
    assert "Conseil municipal du 15 décembre 2026" in text
    assert "15/12/2026 18:30" in text
    assert text.count("Accusé de réception") == 2
    flat = " ".join(text.split())
    assert "Odile <b>Officielle</b> & co" in flat  # printed as typed, never read as markup
    assert "Odile Officielle · Présent =1+1" in flat  # the data on one line
    assert f"{1:064x}" in "".join(text.split())
    assert "La chaîne est intacte : 2 entrées vérifiées." in text
    assert "-----BEGIN PUBLIC KEY-----" in text and "MCowBQYDK2VwAyEAabcdefghijklmnop" in text
    assert "Page 1 / 1" in text


def test_a_broken_chain_is_said_so_and_a_long_journal_runs_on_several_pages():
    data = journal_pdf("Séance", entries(80), "L'entrée 3 a été modifiée.", KEY, valid=False)
    pages = PdfReader(BytesIO(data)).pages
    assert len(pages) >= 2
    text = text_of(data)
    assert "ÉCHEC : L'entrée 3 a été modifiée." in text
    assert f"Page {len(pages)} / {len(pages)}" in text


def test_the_columns_fit_the_sheet_and_the_summary_is_one_line():
    assert sum(WIDTHS_MM) <= PRINTABLE_WIDTH_MM
    assert summary(["a\nb", "", "c"]) == "a b · c"
