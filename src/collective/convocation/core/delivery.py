"""What became of a mail, said in French to an agent: never « [Errno 111] Connection refused ».

The mail queue keeps the server's raw answer (for the journal, the evidence);
the pages and the REST answer show ``french_error`` of it. Pure: it reads an
exception of smtplib or of the socket, or the text stored from one.
"""

import re
import smtplib
import socket


UNREACHABLE = "Le serveur de messagerie est injoignable."
REFUSED_ADDRESS = "Adresse refusée par le serveur du destinataire ({code})."
MAILBOX_FULL = "Boîte pleine chez le destinataire ({code})."
AUTHENTICATION = "Le serveur de messagerie refuse l'identification du portail ({code})."
TRY_LATER = "Le serveur du destinataire demande de réessayer plus tard ({code})."
REFUSED = "Envoi refusé par le serveur : {code}."
FAILED = "L'envoi a échoué."

# What a socket or smtplib says when the server cannot be reached at all.
_UNREACHABLE_TEXTS = (
    "connection refused",
    "errno 111",
    "errno 113",
    "errno 101",
    "errno 110",
    "no route to host",
    "network is unreachable",
    "timed out",
    "name or service not known",
    "temporary failure in name resolution",
    "nodename nor servname",
    "getaddrinfo",
    "connection unexpectedly closed",
    "connection reset",
    "server not connected",
    "please run connect() first",
)
_CODE = re.compile(r"^\s*\(?\s*(\d{3})\b")
_ENHANCED = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_FULL_TEXTS = ("mailbox full", "quota", "over quota", "insufficient storage", "boîte pleine")


def _from_code(code: int, text: str) -> str:
    lowered = text.lower()
    enhanced = _ENHANCED.search(text)
    if code == 552 or (enhanced and enhanced.group(2, 3) == ("2", "2")):
        return MAILBOX_FULL.format(code=code)
    if any(words in lowered for words in _FULL_TEXTS):
        return MAILBOX_FULL.format(code=code)
    if code in (530, 534, 535, 538):
        return AUTHENTICATION.format(code=code)
    if code in (550, 551, 553) or (enhanced and enhanced.group(2) == "1"):
        return REFUSED_ADDRESS.format(code=code)
    if 400 <= code <= 499:
        return TRY_LATER.format(code=code)
    return REFUSED.format(code=code)


def french_error(error: BaseException | str | None) -> str:
    """A French sentence for a failed or delayed mail; "" when there is no error."""
    if error is None:
        return ""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        if answers:
            code, text = answers[0]
            return _from_code(
                code, text.decode(errors="replace") if isinstance(text, bytes) else text
            )
        return FAILED
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        return _from_code(
            error.smtp_code, text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        )
    if isinstance(error, smtplib.SMTPServerDisconnected | socket.timeout | socket.gaierror):
        return UNREACHABLE
    if isinstance(error, ConnectionError | TimeoutError):
        return UNREACHABLE
    if isinstance(error, BaseException):
        error = str(error)
    text = error.strip()
    if not text:
        return ""
    # Several recipients refused: « 550 …; 550 … », the first says it.
    first = text.split(";")[0]
    found = _CODE.match(first)
    if found:
        return _from_code(int(found.group(1)), first)
    if any(words in text.lower() for words in _UNREACHABLE_TEXTS):
        return UNREACHABLE
    return FAILED


def sent_when(delivery: str | None, sent_at, posted_at):
    """When the convocation left for its recipient: the mail's time, the day a paper one was
    posted (None until then), None for a recipient nothing could reach."""
    if delivery == "paper":
        return posted_at
    if delivery == "unreachable":
        return None
    return sent_at
