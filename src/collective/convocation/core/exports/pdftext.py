"""Text into ReportLab, as text: the one door through which words enter a PDF's markup.

ReportLab's Paragraph reads an XML-like markup (``<img src>``, ``<font>``,
``<para>``, entities): a name, a title or a place a user typed goes through
``paragraph`` so that it is printed as typed, and never read as markup.
"""

from reportlab.platypus import Paragraph
from xml.sax.saxutils import escape

import re


# Control characters would print as black boxes, or break the markup parser.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# Beyond this, a typed text is cut (« … »): a name of 100 KB would take minutes
# and hundreds of pages to lay out, for nobody to read.
MAX_CHARACTERS = 1000


def markup_text(value, limit: int = MAX_CHARACTERS) -> str:
    """``value`` escaped for ReportLab's markup: ``<``, ``>``, ``&`` and quotes as entities."""
    text = CONTROL.sub(" ", "" if value is None else str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape(text, {'"': "&quot;", "'": "&#39;"})


def paragraph(value, style, limit: int = MAX_CHARACTERS) -> Paragraph:
    """A Paragraph that shows ``value`` as it is, whatever it contains."""
    return Paragraph(markup_text(value, limit), style)
