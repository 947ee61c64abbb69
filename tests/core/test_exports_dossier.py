"""The dossier PDF and the zip, without Plone: documents in, bytes out."""

from collective.convocation.core.exports import dossier as dossier_module
from collective.convocation.core.exports.archive import archive_zip
from collective.convocation.core.exports.dossier import Document
from collective.convocation.core.exports.dossier import dossier_pdf
from io import BytesIO
from pdfs import encrypted_pdf
from pdfs import pages
from pypdf import PdfReader
from zipfile import ZipFile

import pytest


def read(data):
    return PdfReader(BytesIO(data))


def bookmarks(reader):
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


CONVOCATION = Document("Convocation", "convocation.pdf", pages("Convocation", 1), "application/pdf")
NOTE = Document("Note de synthèse", "note.pdf", pages("Note", 3), "application/pdf")
BUDGET = Document("Point 1 - Budget primitif", "budget.pdf", pages("Budget", 2), "application/pdf")


def test_the_pdfs_follow_each_other_under_a_bookmark_each():
    reader = read(dossier_pdf([CONVOCATION, NOTE, BUDGET], title="Dossier de séance"))
    assert len(reader.pages) == 1 + 3 + 2
    assert bookmarks(reader) == [
        ("Convocation", 0),
        ("Note de synthèse", 1),
        ("Point 1 - Budget primitif", 4),
    ]
    assert reader.pages[4].extract_text().strip() == "Budget, page 1"
    assert reader.metadata.title == "Dossier de séance"
    assert reader.page_mode == "/UseOutlines"


@pytest.mark.parametrize(
    "left_out,reason",
    [
        (Document("Grille tarifaire", "grille.docx", b"PK\x03\x04 docx"), "Format autre que PDF"),
        (Document("Présents", "presents.txt", b"Odile, Oscar"), "Format autre que PDF"),
        (Document("Chiffré", "chiffre.pdf", encrypted_pdf()), "PDF illisible ou protégé"),
        (Document("Tronqué", "tronque.pdf", pages("Tronqué", 2)[:400]), "PDF illisible ou protégé"),
        (Document("Vide", "vide.pdf", b""), "Format autre que PDF"),
    ],
    ids=["docx", "txt", "encrypted", "truncated", "empty"],
)
def test_what_cannot_be_merged_is_listed_on_a_first_page(left_out, reason):
    reader = read(dossier_pdf([CONVOCATION, left_out, NOTE]))
    assert len(reader.pages) == 1 + 1 + 3
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Documents non inclus dans ce dossier" in first
    assert f"{left_out.title} {left_out.filename} {reason}" in first
    assert bookmarks(reader) == [("Convocation", 1), ("Note de synthèse", 2)]


def test_no_first_page_when_everything_is_merged():
    reader = read(dossier_pdf([CONVOCATION]))
    assert "Documents non inclus" not in reader.pages[0].extract_text()


def test_a_pdf_that_breaks_while_merged_is_listed_and_leaves_nothing_behind(monkeypatch):
    """qpdf may read a file and fail half-way through copying it."""
    append = dossier_module._append

    def failing(merged, source):
        if len(source.pages) == 3:  # the note
            merged.add_blank_page(page_size=(595, 842))  # what was copied before the failure
            raise ValueError("broken object")
        return append(merged, source)

    monkeypatch.setattr(dossier_module, "_append", failing)
    reader = read(dossier_pdf([CONVOCATION, NOTE, BUDGET]))
    assert len(reader.pages) == 1 + 1 + 2
    assert "Note de synthèse note.pdf PDF illisible ou protégé" in " ".join(
        reader.pages[0].extract_text().split()
    )
    assert bookmarks(reader) == [("Convocation", 1), ("Point 1 - Budget primitif", 2)]


def test_the_zip_numbers_the_files_in_order_and_keeps_them_as_they_are():
    documents = [
        CONVOCATION,
        NOTE,
        BUDGET,
        Document("Point 1 - Annexe - Plan 2027/2028 : détail?", "plan.PDF", pages("Plan", 1)),
        Document("Point 2 - Annexe - Grille", "grille.docx", b"PK\x03\x04 docx"),
        Document("presents.txt", "presents.txt", b"Odile, Oscar"),
        Document("Sans extension", "", b"texte", "text/plain"),
    ]
    archive = ZipFile(BytesIO(archive_zip(documents)))
    assert archive.namelist() == [
        "01 - Convocation.pdf",
        "02 - Note de synthèse.pdf",
        "03 - Point 1 - Budget primitif.pdf",
        "04 - Point 1 - Annexe - Plan 2027-2028 - détail.PDF",
        "05 - Point 2 - Annexe - Grille.docx",
        "06 - presents.txt",
        "07 - Sans extension.txt",
    ]
    assert [archive.read(name) for name in archive.namelist()] == [d.data for d in documents]


def test_a_hundred_documents_get_three_digits():
    names = ZipFile(
        BytesIO(archive_zip([Document(f"Annexe {n}", "a.txt", b"") for n in range(100)]))
    ).namelist()
    assert names[0] == "001 - Annexe 0.txt"
    assert names[-1] == "100 - Annexe 99.txt"


def test_a_seance_without_documents_gets_a_page_saying_so():
    reader = read(dossier_pdf([]))
    assert len(reader.pages) == 1
    assert "Aucun document dans cette séance" in reader.pages[0].extract_text()
    assert reader.outline == []


def test_every_page_keeps_its_text_in_order_under_titles_of_any_alphabet():
    titles = ["Ordre du jour « 2027 » — n° 1", "Délibération : Œuvres ✓ 市", "Budget"]
    documents = [
        Document(titles[0], "odj.pdf", pages("Ordre du jour", 2)),
        Document(titles[1], "deliberation.pdf", pages("Délibération", 3)),
        Document(titles[2], "budget.pdf", pages("Budget", 1)),
    ]
    reader = read(dossier_pdf(documents, title="Dossier de séance — Conseil « municipal »"))
    assert [page.extract_text().strip() for page in reader.pages] == [
        "Ordre du jour, page 1",
        "Ordre du jour, page 2",
        "Délibération, page 1",
        "Délibération, page 2",
        "Délibération, page 3",
        "Budget, page 1",
    ]
    assert bookmarks(reader) == [(titles[0], 0), (titles[1], 2), (titles[2], 5)]
    assert reader.metadata.title == "Dossier de séance — Conseil « municipal »"


def test_a_pdf_that_breaks_only_when_written_is_listed(monkeypatch):
    """qpdf reads a page's streams when it writes the dossier, not when it copies the page."""
    saved = dossier_module._saved

    def breaking(pdf):
        if any(b"Note, page 1" in page.Contents.read_bytes() for page in pdf.pages):
            raise ValueError("bad stream")
        return saved(pdf)

    monkeypatch.setattr(dossier_module, "_saved", breaking)
    reader = read(dossier_pdf([CONVOCATION, NOTE, BUDGET]))
    assert [" ".join(page.extract_text().split()) for page in reader.pages][1:] == [
        "Convocation, page 1",
        "Budget, page 1",
        "Budget, page 2",
    ]
    assert "Note de synthèse note.pdf PDF illisible ou protégé" in " ".join(
        reader.pages[0].extract_text().split()
    )
    assert bookmarks(reader) == [("Convocation", 1), ("Point 1 - Budget primitif", 2)]
