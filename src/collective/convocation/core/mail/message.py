"""A convocation mail as an email message, free of Plone: text and HTML, attachments, UTF-8.

Every header value goes through ``one_line``: a name or a subject holding a
line break (typed by an official in his own name, say) can neither add a header
nor make the sending fail.
"""

from datetime import datetime
from datetime import UTC
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from email.utils import make_msgid
from html import escape

import re
import unicodedata


URL = re.compile(r"(https?://[^\s<]+)")


# Header lines stay well under SMTP's limit; a longer name or subject is cut.
MAX_HEADER = 400


def one_line(value, limit: int = MAX_HEADER) -> str:
    """``value`` on one line: control characters and line or paragraph separators become
    spaces, runs of spaces one space; cut at ``limit`` characters."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in str(value or "")
    )
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def usable_address(text) -> str:
    """``text`` when it is one email address a mail can go to, else "".

    What an official stores as his own address (``PATCH @users``) is not checked:
    « a@b.fr,c@d.fr » or « a@b.fr\\r\\nBcc: … » must not make the sending raise.
    """
    text = str(text or "").strip()
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, HeaderParseError):
        return ""
    return text if parsed.username and "." in parsed.domain else ""


def address(name: str, email: str) -> Address:
    """A From/To address: the display name on one line, the address without any space."""
    return Address(display_name=one_line(name), addr_spec="".join(str(email or "").split()))


def text_to_html(text: str) -> str:
    """Paragraphs and line breaks of a plain-text template, its addresses made links."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        html = escape(paragraph).replace("\n", "<br>\n")
        paragraphs.append("<p>" + URL.sub(r'<a href="\1">\1</a>', html) + "</p>")
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"></head>\n<body>\n'
        + "\n".join(paragraphs)
        + "\n</body></html>\n"
    )


def build_message(
    sender: tuple[str, str],
    recipient: tuple[str, str],
    subject: str,
    text: str,
    reply_to: str = "",
    calendar: bytes | None = None,
    calendar_method: str = "REQUEST",
    attachments: tuple = (),
    date: datetime | None = None,
    domain: str = "convocation.invalid",
) -> EmailMessage:
    """multipart/mixed: the text and its HTML version, the ICS, then ``attachments``.

    ``attachments``: (filename, maintype, subtype, bytes) tuples. ``date``: now
    unless given; ``domain``: the portal's host name, right of the Message-ID's « @ ».
    """
    message = EmailMessage()
    message["From"] = address(*sender)
    message["To"] = address(*recipient)
    # One address; what follows a line break would be another header, not more of it.
    reply_to = usable_address(one_line(str(reply_to).splitlines()[0]) if reply_to else "")
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(date or datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=one_line(domain) or None)
    message.set_content(text, charset="utf-8")
    message.add_alternative(text_to_html(text), subtype="html", charset="utf-8")
    if calendar is not None:
        message.add_attachment(
            calendar,
            maintype="text",
            subtype="calendar",
            filename="seance.ics",
            params={"method": calendar_method},
        )
    for filename, maintype, subtype, data in attachments:
        # The uploaded file's own name: a header parameter, on one line too.
        filename = one_line(filename, 200) or "document"
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message
