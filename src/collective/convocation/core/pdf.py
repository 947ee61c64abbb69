"""Checks on uploaded PDFs, free of Plone: bytes in, the reason for refusing them out."""

from io import BytesIO
from pypdf import PdfReader


EMPTY = "empty"
NOT_A_PDF = "not-a-pdf"
ENCRYPTED = "encrypted"


def pdf_problem(data: bytes) -> str | None:
    """Return why ``data`` is not a PDF the séance documents can use, or None.

    A PDF is usable when pypdf reads every page and it is not encrypted:
    the dossier merges the files, and an encrypted one (even with an empty
    user password) cannot be merged.
    """
    if not data:
        return EMPTY
    if b"%PDF-" not in data[:1024]:
        return NOT_A_PDF
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            return ENCRYPTED
        if not reader.pages:
            return NOT_A_PDF
        for page in reader.pages:
            page.mediabox  # noqa: B018 - parses the page dictionary
    except Exception:  # pypdf raises many kinds of errors on broken files
        return NOT_A_PDF
    return None
