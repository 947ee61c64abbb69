"""What a user reads in the downloads, written out once for the tests that check it.

Literal on purpose: a test comparing the code's own constant with itself would prove nothing.
"""

# The émargement's columns (CSV; the PDF prints the first eight, then « Signature »).
EMARGEMENT_COLUMNS = (
    "Nom",
    "Prénom",
    "Qualité",
    "Groupe",
    "Envoi",
    "Réception",
    "Présence",
    "Mandataire",
    "Présence effective",
)
