"""Paper convocations without Plone: the letters (address in the envelope's window) and the labels."""

from collective.convocation.core.exports import labels as labels_module
from collective.convocation.core.exports.labels import labels_pdf
from collective.convocation.core.exports.letters import Letter
from collective.convocation.core.exports.letters import letter_pdf
from collective.convocation.core.exports.letters import letters_pdf
from collective.convocation.core.exports.letters import WINDOW
from collective.convocation.core.postal import address_lines
from collective.convocation.core.postal import Addressee
from collective.convocation.core.postal import sorted_addressees
from collective.convocation.core.postal import town
from datetime import date
from io import BytesIO
from pdfs import flat
from pdfs import pages
from pypdf import PdfReader
from reportlab.lib.units import mm


PAGE_HEIGHT = 297 * mm

ODILE = Addressee("Mme", "Odile", "Officielle", ("12 rue de la Mairie", "75001 Paris"))
ETIENNE = Addressee("M.", "Étienne", "Écuyer", ("3 place du Marché", "BP 12", "13001 Marseille"))
ANNE = Addressee("Mme", "Anne", "abel", ("1 chemin des Vignes", "33000 Bordeaux"))


def letter(addressee=ODILE, **fields):
    values = {
        "sender": "Mairie de Ville-sur-Test",
        "sender_lines": ("Hôtel de ville", "1 place de la République", "44000 Nantes"),
        "addressee": addressee,
        "place": "Nantes",
        "day": date(2026, 12, 1),
        "subject": "Convocation – Conseil municipal du 15 décembre 2026",
        "text": "Mme Odile Officielle,\n\nVous êtes convoquée à la séance.\nLigne deux.\n\n"
        "Mairie de Ville-sur-Test",
        "agenda": (("1", "Budget primitif"), ("2", "Subventions <b>& co</b>")),
    }
    return Letter(**{**values, **fields})


def placed_text(data, page=0):
    """[(text, x mm, y mm from the top)] of a page's text."""
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x, y = tm[4], tm[5]
            found.append((text.strip(), x / mm, (PAGE_HEIGHT - y) / mm))

    PdfReader(BytesIO(data)).pages[page].extract_text(visitor_text=visit)
    return found


def text(data):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_the_letter_says_who_writes_to_whom_when_what_and_the_agenda():
    written = text(letter_pdf(letter()))
    for expected in (
        "Mairie de Ville-sur-Test",
        "1 place de la République",
        "Mme Odile Officielle",
        "12 rue de la Mairie",
        "75001 Paris",
        "Nantes, le 1er décembre 2026",
        "Objet : Convocation – Conseil municipal du 15 décembre 2026",
        "Vous êtes convoquée à la séance.",
        "Ordre du jour",
        "Budget primitif",
        "Subventions <b>& co</b>",  # typed markup is printed, not read
        "Signature",
    ):
        assert expected in written, expected


def test_the_address_is_inside_the_envelope_window():
    placed = placed_text(letter_pdf(letter(ETIENNE)))
    address = [
        (line, x, y)
        for line, x, y in placed
        if line in ("M. Étienne Écuyer", "3 place du Marché", "BP 12", "13001 Marseille")
    ]
    assert len(address) == 4
    for _line, x, y in address:
        assert WINDOW["left"] + 3 < x < WINDOW["left"] + WINDOW["width"]
        assert WINDOW["top"] + 3 < y < WINDOW["top"] + WINDOW["height"] - 3
    # The sender stays out of the window, top left.
    sender = next((x, y) for line, x, y in placed if line == "Mairie de Ville-sur-Test")
    assert sender[0] < WINDOW["left"] and sender[1] < WINDOW["top"]


def test_a_long_address_line_is_printed_smaller_never_cut():
    long = "Résidence des Grands Chênes, bâtiment C, escalier 4"
    written = flat(text(letter_pdf(letter(Addressee("", "Odile", "Officielle", (long,))))))
    assert flat(long) in written


def test_without_a_town_the_letter_is_dated_alone():
    assert "Le 1er décembre 2026" in text(letter_pdf(letter(place="")))


def test_each_letter_is_followed_by_the_documents():
    documents = pages("Dossier", 3)
    data = letters_pdf([letter(ODILE), letter(ETIENNE)], documents, title="Lettres")
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == 2 * (1 + 3)
    texts = [page.extract_text() for page in reader.pages]
    assert "Mme Odile Officielle" in texts[0]
    assert texts[1:4] == [f"Dossier, page {n}\n" for n in (1, 2, 3)]
    assert "M. Étienne Écuyer" in texts[4]
    assert "Dossier, page 3" in texts[7]
    assert [(item.title, reader.get_destination_page_number(item)) for item in reader.outline] == [
        ("Mme Odile Officielle", 0),
        ("M. Étienne Écuyer", 4),
    ]


def test_no_letter_gives_a_page_that_says_so():
    assert "Aucun destinataire" in text(letters_pdf([], pages("Dossier", 2)))


def test_labels_hold_each_name_and_address_in_its_own_label():
    data = labels_pdf([ODILE, ETIENNE, ANNE])
    written = text(data)
    for expected in ("Mme Odile Officielle", "75001 Paris", "M. Étienne Écuyer", "BP 12"):
        assert expected in written
    placed = placed_text(data)
    # Étienne is the second label of the first row: between 70 and 140 mm, in the first 37 mm.
    x, y = next((x, y) for line, x, y in placed if line == "M. Étienne Écuyer")
    assert 70 < x < 140 and 0 < y < 37
    x, y = next((x, y) for line, x, y in placed if line == "13001 Marseille")
    assert 70 < x < 140 and 0 < y < 37


def test_a_new_sheet_after_24_labels_and_no_blank_label():
    people = [
        Addressee("", f"Prénom{n}", f"Nom{n:02d}", (f"{n} rue Haute", "44000 Nantes"))
        for n in range(30)
    ]
    nowhere = Addressee("M.", "Sans", "Adresse", ())
    reader = PdfReader(BytesIO(labels_pdf([*people, nowhere])))
    assert len(reader.pages) == 2
    assert "Nom23" in reader.pages[0].extract_text()
    assert "Nom24" in reader.pages[1].extract_text()
    assert "Adresse" not in text(labels_pdf([*people, nowhere]))
    assert labels_module.position(24) == labels_module.position(0)
    assert labels_module.position(23) == (140 * mm, 0.5 * mm + 7 * 37 * mm)


def test_no_label_gives_a_page_that_says_so():
    assert "Aucun destinataire" in text(labels_pdf([Addressee("M.", "Sans", "Adresse", ())]))


def test_addresses_are_read_line_by_line_and_sorted_the_french_way():
    assert address_lines("  12 rue Haute \r\n\n\tBP\x0012\n75001 Paris\n") == (
        "12 rue Haute",
        "BP 12",
        "75001 Paris",
    )
    assert len(address_lines("\n".join(f"ligne {n}" for n in range(9)))) == 5
    assert town(("Hôtel de ville", "44000 Nantes Cedex 2")) == "Nantes"
    assert town(("Hôtel de ville", "Nantes")) == ""
    assert [a.last_name for a in sorted_addressees([ODILE, ETIENNE, ANNE])] == [
        "abel",
        "Écuyer",
        "Officielle",
    ]
