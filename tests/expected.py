"""What a user reads in the downloads, written out once for the tests that check it.

Literal on purpose: a test comparing the code's own constant with itself would prove nothing.
"""

# The émargement's columns (the PDF prints them, then « Signature »); the CSV adds « Pouvoir »
# last, where a proxy reads « Pouvoir de X donné à Y ».
EMARGEMENT_HEADER = (
    "Nom;Prénom;Qualité;Groupe;Envoi;Réception;Présence;Mandataire;Présence effective"
)
EMARGEMENT_COLUMNS = tuple(EMARGEMENT_HEADER.split(";"))
EMARGEMENT_CSV_HEADER = EMARGEMENT_HEADER + ";Pouvoir"
