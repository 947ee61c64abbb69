"""What a user reads in the downloads, written out once for the tests that check it.

Literal on purpose: a test comparing the code's own constant with itself would prove nothing.
"""

# The émargement's header line as a spreadsheet shows it (CSV; the PDF prints the first eight
# columns, then « Signature »).
EMARGEMENT_HEADER = (
    "Nom;Prénom;Qualité;Groupe;Envoi;Réception;Présence;Mandataire;Présence effective"
)
EMARGEMENT_COLUMNS = tuple(EMARGEMENT_HEADER.split(";"))
