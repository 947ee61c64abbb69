"""Text a user typed stays inert in the PDFs and CSVs, without Plone: hostile text in, the file read back."""

from collective.convocation.core.exports.dossier import Document
from collective.convocation.core.exports.dossier import dossier_pdf
from collective.convocation.core.exports.emargement import emargement_csv
from collective.convocation.core.exports.emargement import emargement_pdf
from collective.convocation.core.exports.emargement import Row
from collective.convocation.core.exports.emargement import Sitting
from collective.convocation.core.exports.journal import journal_csv
from collective.convocation.core.exports.table import csv_bytes
from collective.convocation.core.exports.table import inert
from collective.convocation.core.mail.message import build_message
from collective.convocation.core.mail.message import one_line
from collective.convocation.core.mail.message import usable_address
from collective.convocation.core.names import cleaned
from datetime import datetime
from email import message_from_bytes
from email import policy
from email.utils import parsedate_to_datetime
from io import BytesIO
from pdfs import flat
from pdfs import pages
from PIL import Image
from pypdf import PdfReader
from zoneinfo import ZoneInfo

import csv
import io
import pytest
import time


PARIS = ZoneInfo("Europe/Paris")
START = datetime(2026, 12, 15, 18, 30, tzinfo=PARIS)


@pytest.fixture
def image(tmp_path):
    """A file of the server that markup could pull into a PDF."""
    path = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), "red").save(path)
    return str(path)


def hostile(image):
    return [
        "Dupont <Jr",
        "R&D &amp; Cie",
        f'<img src="{image}" width="200" height="200"/>',
        '<font size="40" color="red">Gros</font>',
        "<para>Paragraphe</para>",
        "a > b & c < d",
        "<b>gras</b> ]]> &#x41;",
    ]


def images_in(reader):
    return sum(len(page.images) for page in reader.pages)


def read_pdf(data):
    return PdfReader(BytesIO(data))


def test_the_emargement_prints_markup_as_text_and_embeds_no_file(image):
    texts = hostile(image)
    sitting_fields = {
        "collectivity": texts[1],
        "assembly": texts[3],
        "title": texts[0],
        "location": texts[2],
    }
    sitting = Sitting(start=START, **sitting_fields)
    rows = [
        Row(text, text, function=text, group=text, attendance="Présent", proxy_holder=text)
        for text in texts
    ]
    reader = read_pdf(emargement_pdf(sitting, rows, [Row(texts[4], texts[2], texts[5])]))
    assert images_in(reader) == 0
    text = flat("".join(page.extract_text() for page in reader.pages))
    for typed in texts:
        assert flat(typed) in text
    assert flat(f"{texts[1]} — {texts[3]}") in text


def test_the_dossier_lists_hostile_titles_and_file_names_as_text(image):
    texts = hostile(image)
    documents = [Document("Convocation", "convocation.pdf", pages("Convocation", 1))] + [
        Document(text, f"{text}.docx", b"PK\x03\x04 docx") for text in texts
    ]
    reader = read_pdf(dossier_pdf(documents, title=texts[2]))
    assert images_in(reader) == 0
    first = flat(reader.pages[0].extract_text())
    for typed in texts:
        assert flat(typed) in first


FORMULAS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "+33 6 12 34 56 78"]


def read_csv(data):
    """As a spreadsheet reads it: UTF-8 with BOM, ";"."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.mark.parametrize("typed", FORMULAS)
def test_a_cell_that_a_spreadsheet_would_compute_is_shown_as_typed(typed):
    assert inert(typed) == "'" + typed
    assert inert("Hélène = maire") == "Hélène = maire"  # only the first character counts
    assert inert("") == "" and inert(None) == ""


def test_numbers_the_add_on_writes_stay_numbers():
    table = read_csv(csv_bytes(["N°", "Écart"], [[-3, 12], [4, -0.5]]))
    assert table[1:] == [["-3", "12"], ["4", "-0.5"]]


def test_the_emargement_csv_neutralises_every_typed_cell():
    rows = [
        Row(typed, typed, function=typed, group=typed, proxy_holder=typed) for typed in FORMULAS
    ]
    table = read_csv(emargement_csv(rows, [Row("=1+1", "@A1")]))
    by_name = {row[0]: row for row in table[1:]}
    for typed in FORMULAS:
        row = by_name["'" + typed]
        assert [row[1], row[2], row[3], row[7]] == ["'" + typed] * 4
    assert by_name["'=1+1"][1] == "'@A1"
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in table for cell in row
    )


def test_the_journal_csv_neutralises_the_actor_and_keeps_its_numbers():
    entry = {
        "seq": 1,
        "at": "2026-12-01T08:05:00+00:00",
        "kind": "=cmd|' /C calc'!A0",
        "actor": "@SUM(A1)",
        "data": {"recipient": '=HYPERLINK("http://x")'},
        "prev": "",
        "hash": "ab" * 32,
    }
    table = read_csv(journal_csv([entry], {}))
    assert table[1][0] == "1"
    assert table[1][2] == table[1][5] == "'=cmd|' /C calc'!A0"
    assert table[1][4] == "'@SUM(A1)"
    assert table[1][6].startswith("{")


def test_a_text_of_100_kb_in_every_field_still_gives_the_sheets_quickly():
    long = "mot " * 25_000
    started = time.monotonic()
    sitting = Sitting(long, long, long, START, long)
    reader = read_pdf(
        emargement_pdf(sitting, [Row(long, long, long, long, proxy_holder=long)] * 20)
    )
    documents = [Document(long, long, b"not a pdf")] * 5
    first = read_pdf(dossier_pdf(documents)).pages[0].extract_text()
    assert time.monotonic() - started < 20
    assert "mot mot" in reader.pages[0].extract_text() and "…" in first
    table = read_csv(emargement_csv([Row(long, "Odile")]))
    assert table[1][0] == long  # the CSV keeps the whole text


HEADER_INJECTIONS = [
    "Odile\r\nBcc: evil@example.org",
    "Odile\nBcc: evil@example.org",
    "Odile\rBcc: evil@example.org",
    "Odile\x00\x0b\x1b\u2028\u2029\x85Bcc: evil@example.org",
]


@pytest.mark.parametrize("name", HEADER_INJECTIONS)
def test_a_line_break_in_a_name_or_subject_adds_no_header(name):
    message = build_message(
        sender=(f"Mairie {name}", "mairie@ville.example"),
        recipient=(name, "odile@ville.example"),
        subject=f"Convocation {name}",
        text="Bonjour,\n\nà bientôt",
        reply_to=f"secretariat@ville.example{name}",
        attachments=((f"convocation {name}.pdf", "application", "pdf", b"%PDF-1.4"),),
        domain="plone.ville.example",
    )
    received = message_from_bytes(message.as_bytes(policy=policy.SMTP), policy=policy.default)
    assert received["Bcc"] is None
    assert [address.addr_spec for address in received["To"].addresses] == ["odile@ville.example"]
    assert received["To"].addresses[0].display_name == "Odile Bcc: evil@example.org"
    assert received["Subject"] == "Convocation Odile Bcc: evil@example.org"
    assert received["Reply-To"] == "secretariat@ville.exampleOdile"
    assert parsedate_to_datetime(received["Date"]).tzinfo is not None
    assert received["Message-ID"].endswith("@plone.ville.example>")
    (attached,) = received.iter_attachments()
    assert attached.get_filename() == "convocation Odile Bcc: evil@example.org.pdf"


def test_one_line_and_the_names_cleaned_at_entry():
    assert one_line("  Hélène \t Marchand\r\n") == "Hélène Marchand"
    assert one_line(None) == "" and len(one_line("x" * 5000)) == 400
    assert cleaned(
        {"fullname": "Odile\r\nBcc: x", "first_name": "Odile", "email": "a@b.c", "portrait": None}
    ) == {"fullname": "Odile Bcc: x"}


@pytest.mark.parametrize(
    "typed,usable",
    [
        ("odile@example.org", "odile@example.org"),
        (" odile@example.org ", "odile@example.org"),
        ("odile@example.org,evil@example.org", ""),
        ("odile@example.org\r\nBcc: evil@example.org", ""),
        ("odile@example.org;evil@example.org", ""),
        ("pas une adresse", ""),
        ("odile@localhost", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_only_one_real_address_is_a_usable_one(typed, usable):
    assert usable_address(typed) == usable
    reply_to = build_message(("M", "m@x.fr"), ("J", "j@x.fr"), "s", "t", reply_to=typed)["Reply-To"]
    # A Reply-To keeps what comes before a line break, the rest would be another header.
    assert reply_to == ("odile@example.org" if "\n" in (typed or "") else usable or None)


@pytest.mark.parametrize("typed", ["<", '"', "(", "@@", "Mairie <", ""])
def test_no_reply_to_nor_display_name_makes_the_mail_raise(typed):
    message = build_message((typed, "m@x.fr"), (typed, "j@x.fr"), typed, "t", reply_to=typed)
    received = message_from_bytes(message.as_bytes(policy=policy.SMTP), policy=policy.default)
    assert received["To"].addresses[0].addr_spec == "j@x.fr"
