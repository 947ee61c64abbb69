"""The séance's documents as a zip, free of Plone: exports.dossier.Document in, zip bytes out.

Names are numbered in the dossier's order (« 01 - Convocation.pdf ») so that any
file manager lists them in that order; every file is stored as it was uploaded.
"""

from io import BytesIO
from pathlib import PurePosixPath
from zipfile import ZIP_DEFLATED
from zipfile import ZIP_STORED
from zipfile import ZipFile

import mimetypes
import re
import unicodedata


# Characters Windows, macOS or Linux refuse in a file name, and control characters.
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
MAX_TITLE = 100
# Already compressed: deflating them again costs time and saves nothing.
COMPRESSED = {
    ".pdf",
    ".zip",
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
}


def safe_name(text: str) -> str:
    """``text`` usable as a file name anywhere: no separators nor reserved characters."""
    text = UNSAFE.sub("-", unicodedata.normalize("NFC", text))
    text = " ".join(text.split())[:MAX_TITLE]
    return text.strip(" .-") or "document"


def extension(document) -> str:
    """The uploaded file's own extension, else one for its content type."""
    suffix = PurePosixPath(document.filename or "").suffix
    if suffix and len(suffix) <= 10 and not UNSAFE.search(suffix):
        return suffix
    return mimetypes.guess_extension(document.content_type or "") or ""


def numbered_names(documents) -> list[str]:
    """« 01 - Convocation.pdf », « 02 - Note de synthèse.pdf »…, as many digits as the count needs."""
    width = max(2, len(str(len(documents))))
    names = []
    for number, document in enumerate(documents, 1):
        suffix = extension(document)
        title = document.title or PurePosixPath(document.filename or "").stem
        if suffix and title.lower().endswith(suffix.lower()):
            title = title[: -len(suffix)]  # a title that is the file name: « budget.pdf »
        names.append(f"{number:0{width}d} - {safe_name(title)}{suffix}")
    return names


def archive_zip(documents) -> bytes:
    documents = list(documents)
    buffer = BytesIO()
    with ZipFile(buffer, "w") as archive:
        for name, document in zip(numbered_names(documents), documents, strict=True):
            stored = PurePosixPath(name).suffix.lower() in COMPRESSED
            archive.writestr(
                name, document.data, compress_type=ZIP_STORED if stored else ZIP_DEFLATED
            )
    return buffer.getvalue()
