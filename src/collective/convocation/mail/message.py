"""A convocation mail as an email message, free of Plone: text and HTML, attachments, UTF-8."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from email.utils import make_msgid
from html import escape

import re


URL = re.compile(r"(https?://[^\s<]+)")


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
    date=None,
    domain: str = "convocation.invalid",
) -> EmailMessage:
    """multipart/mixed: the text and its HTML version, the ICS, then ``attachments``.

    ``attachments``: (filename, maintype, subtype, bytes) tuples.
    """
    message = EmailMessage()
    message["From"] = Address(display_name=sender[0], addr_spec=sender[1])
    message["To"] = Address(display_name=recipient[0], addr_spec=recipient[1])
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=domain)
    if date is not None:
        message["Date"] = format_datetime(date)
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
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message
