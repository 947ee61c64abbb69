"""The séance's documents: which come first and under what titles.

One list for the dossier PDF, the zip and the recipient's page on the séance.
"""

# The séance's own files, before the agenda: (field, title).
SEANCE_FILES = (
    ("convocation_file", "Convocation"),
    ("synthesis_file", "Note explicative de synthèse"),  # CGCT, art. L2121-12
    ("invitation_file", "Invitation"),
)


def item_title(number, title: str) -> str:
    """« Point 3 - Budget primitif »: the report of an agenda item."""
    return f"Point {number} - {title}"


def annex_title(number, title: str) -> str:
    """« Point 3 - Annexe - Plan de financement »: an annex of an agenda item."""
    return item_title(number, f"Annexe - {title}")
