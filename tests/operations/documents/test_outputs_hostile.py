"""Text that users typed, hostile or careless, in the documents the agent downloads: the émargement, the dossier.

The officials type their own names (``PATCH @users/<id>``); the agents type titles, places,
functions and groups (the `hostile` fixture). A file name or title with a line break is refused.
"""

from clients import FORMULAS
from clients import pdf
from clients import rest
from clients import spreadsheet
from pdfs import flat
from pdfs import pages

import base64
import transaction


def test_the_emargement_pdf_prints_the_markup_as_text_and_embeds_no_file(hostile, secret):
    reader = pdf(rest("GET", "agent", hostile["seance"] + "/@emargement?format=pdf"))
    assert sum(len(page.images) for page in reader.pages) == 0
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for typed in (*hostile["texts"].values(), f'<img src="{secret}"/>', "@SUM(A1)"):
        if typed != hostile["texts"]["file"]:
            assert flat(typed) in text, typed


def test_the_emargement_csv_shows_formulas_as_text(hostile):
    table = spreadsheet(rest("GET", "agent", hostile["seance"] + "/@emargement?format=csv"))
    by_name = {row[0]: row for row in table[1:]}
    assert by_name['\'=HYPERLINK("http://x")'][2] == hostile["texts"]["function"]
    assert by_name["'@SUM(A1)"][1] == "'-2"
    assert by_name["'@SUM(A1)"][3] == "<para>Groupe</para> =1+1"  # a formula only at the start
    assert not any(cell.startswith(FORMULAS) for row in table for cell in row)


def test_the_dossier_lists_a_hostile_file_title_as_text(hostile):
    reader = pdf(rest("GET", "agent", hostile["seance"] + "/@dossier"))
    assert sum(len(page.images) for page in reader.pages) == 0
    first = flat(reader.pages[0].extract_text())
    assert flat(hostile["texts"]["file"]) in first and "<grille>&.docx" in first


def test_a_file_name_or_title_with_a_line_break_is_refused_over_rest(world_of):
    """zope.schema's TextLine refuses them: they never reach a mail header (build_message cleans them anyway)."""
    world = world_of
    seance = world.seances["draft"]
    pdf_upload = {
        "data": base64.b64encode(pages("Convocation", 1)).decode("ascii"),
        "encoding": "base64",
        "filename": "convocation\r\nBcc: evil@example.org.pdf",
        "content-type": "application/pdf",
    }
    response = rest(
        "PATCH",
        "agent",
        seance.absolute_url(),
        json={"title": "Séance\nBcc: evil@example.org", "convocation_file": pdf_upload},
    )
    assert response.status_code == 400
    transaction.begin()
    assert seance.convocation_file.filename == "convocation.pdf"
    assert seance.title == "Séance draft"
