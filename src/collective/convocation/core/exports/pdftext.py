"""Text into ReportLab, as text: the one door through which words enter a PDF's markup.

ReportLab's Paragraph reads an XML-like markup (``<img src>``, ``<font>``,
``<para>``, entities): a name, a title or a place a user typed goes through
``paragraph`` so that it is printed as typed, and never read as markup.
"""

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from xml.sax.saxutils import escape

import re


# Control characters would print as black boxes, or break the markup parser.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# The blanks a Paragraph folds into one space (not the non-breaking ones).
BLANKS = re.compile(r"[ \t\n\r]+")

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


def cell(value, style, width: float, limit: int = MAX_CHARACTERS):
    """``value`` for a table cell ``width`` points wide, laid out as a Paragraph in ``style`` would be.

    A text whose every word fits the width is broken into lines here, as a
    Paragraph breaks them, and given as a plain string: the table draws it as
    it is, never read as markup, for a tenth of a Paragraph's cost (a sheet has
    thousands of cells). Any other text is a Paragraph, which splits long words.
    """
    text = BLANKS.sub(" ", CONTROL.sub(" ", "" if value is None else str(value))).strip()
    if len(text) > limit:
        return paragraph(value, style, limit)
    lines, line, used = [], [], 0.0
    space = stringWidth(" ", style.fontName, style.fontSize)
    for word in text.split(" "):
        size = stringWidth(word, style.fontName, style.fontSize)
        if size > width:
            return paragraph(value, style, limit)
        if line and used + space + size > width:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + size
        line.append(word)
    lines.append(" ".join(line))
    return "\n".join(lines)
