"""The séance's documents: one order and one set of titles for the dossier and the séance page."""

from collective.convocation.core.documents import annex_title
from collective.convocation.core.documents import item_title
from collective.convocation.core.documents import SEANCE_FILES


def test_the_seance_files_come_first_in_this_order():
    assert SEANCE_FILES == (
        ("convocation_file", "Convocation"),
        ("synthesis_file", "Note explicative de synthèse"),
        ("invitation_file", "Invitation"),
    )


def test_item_and_annex_titles():
    assert item_title(1, "Budget primitif") == "Point 1 - Budget primitif"
    assert annex_title(1, "Plan de financement") == "Point 1 - Annexe - Plan de financement"
