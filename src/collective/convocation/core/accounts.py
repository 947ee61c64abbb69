"""Accounts of officials and agents from i-delibRE's user CSV, free of Plone.

i-delibRE's columns, in this order: civilité, username, first name, last name,
email, role code, phone, title, deputy. A header line is recognised and
skipped; ";" or "," separate the fields; UTF-8 (with or without BOM),
Windows-1252 or UTF-16 (as some spreadsheets save « Unicode text »).

Each line stands alone: a malformed line (an undecodable byte, a NUL, an
unclosed quote, a line break inside a quoted name, a field of 100 KB, no
separator) is refused with its number, and every other line is read.
"""

from collective.convocation.core.mail.message import usable_address
from dataclasses import dataclass

import codecs
import csv
import re
import unicodedata


COLUMNS = (
    "civility",
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "phone",
    "function",
    "deputy",
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CIVILITIES = {
    "m": "M.",
    "m.": "M.",
    "mr": "M.",
    "monsieur": "M.",
    "mme": "Mme",
    "madame": "Mme",
    "": "",
}
# i-delibRE's role codes, and the words agents type instead
ROLES = {
    "3": "official",
    "elu": "official",
    "élu": "official",
    "2": "agent",
    "agent": "agent",
    "secretaire": "agent",
    "secrétaire": "agent",
    "gestionnaire": "agent",
    "4": "invitee",
    "invite": "invitee",
    "invité": "invitee",
    "personnel administratif": "invitee",
}

# Refusal codes
MISSING_NAME = "missing-name"
BAD_EMAIL = "bad-email"
BAD_ROLE = "bad-role"
BAD_CIVILITY = "bad-civility"
DUPLICATE_EMAIL = "duplicate-email"
WRONG_COLUMNS = "wrong-columns"
NO_SEPARATOR = "no-separator"
UNDECODABLE = "undecodable"
NUL = "nul"
CONTROL_CHARACTER = "control-character"
UNCLOSED_QUOTE = "unclosed-quote"
LINE_BREAK_IN_FIELD = "line-break-in-field"  # value: the last line of the record
FIELD_TOO_LONG = "field-too-long"  # value: its length
MALFORMED = "malformed"

# Longest field: an email address (RFC 5321); names and titles are far shorter.
MAX_FIELD = 254
# A quoted name may hold one line break (a spreadsheet's Alt+Enter); a quote
# still open after this many lines is unclosed, and the lines after it are read.
MAX_RECORD_LINES = 3
# What a refusal repeats of the line: enough to find it, never a whole 100 KB.
MAX_SHOWN = 60
LINE_BREAK = re.compile(r"\r\n|\r|\n")
LINE_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class Account:
    line: int
    civility: str
    username: str
    first_name: str
    last_name: str
    email: str
    role: str  # official | agent | invitee
    phone: str = ""
    function: str = ""
    deputy: str = ""
    political_group: str = ""  # not in i-delibRE's file; the account form asks for it
    postal_address: str = ""  # nor this one: where a paper convocation is posted


def shown(value: str) -> str:
    """``value`` as a refusal repeats it: cut, on one line."""
    value = " ".join(value.split())
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def _utf16(data: bytes) -> str | None:
    """The codec of a UTF-16 file: by its BOM, else by the zero bytes of ASCII text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:200]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    return None


def decoded_lines(data: bytes) -> list[tuple[int, str | None]]:
    """(line number, text) of each line of the file; text is None for a line that cannot be read.

    UTF-8 when the file is, or when its other lines are (a stray byte on one line
    does not turn the whole file into Windows-1252); else Windows-1252.
    """
    codec = _utf16(data)
    if codec is not None:
        text = data.decode(codec, errors="replace").lstrip("\ufeff")
        return [
            (number, None if "\ufffd" in line else line)
            for number, line in enumerate(LINE_BREAK.split(text), start=1)
        ]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    raw = LINE_BREAK_BYTES.split(data)

    def decode(line, codec):
        try:
            return line.decode(codec)
        except UnicodeDecodeError:
            return None

    non_ascii = [line for line in raw if not line.isascii()]
    codec = "utf-8" if any(decode(line, "utf-8") is not None for line in non_ascii) else "cp1252"
    return [(number, decode(line, codec)) for number, line in enumerate(raw, start=1)]


def _delimiter(lines) -> str:
    """The separator: ";" unless the file's first lines hold more commas."""
    sample = [text for _number, text in lines if text][:20]
    return "," if sum(t.count(",") for t in sample) > sum(t.count(";") for t in sample) else ";"


def _is_header(row) -> bool:
    return bool(row) and row[0].strip().lower().rstrip(".") in ("civilite", "civilité")


def _control_character(text: str) -> str | None:
    """The first control character of ``text`` (tabs aside), as U+XXXX."""
    for char in text:
        if char != "\t" and unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def records(lines, delimiter):
    """(line number, row, refusal) of each non-blank line: row None when refused.

    A quote left open makes the record run on to the line that closes it (a line
    break inside a quoted name), at most MAX_RECORD_LINES lines; else it is unclosed.
    """
    index = 0
    while index < len(lines):
        number, text = lines[index]
        index += 1
        if text is None:
            yield number, None, (UNDECODABLE, "")
            continue
        if not text.strip():
            continue
        if text.count('"') % 2:
            record, last = text, None
            for ahead in range(index, min(index + MAX_RECORD_LINES - 1, len(lines))):
                following = lines[ahead][1]
                if following is None:
                    break
                record += "\n" + following
                if record.count('"') % 2 == 0:
                    last = ahead
                    break
            if last is None:
                yield number, None, (UNCLOSED_QUOTE, "")
            else:
                yield number, None, (LINE_BREAK_IN_FIELD, str(lines[last][0]))
                index = last + 1
            continue
        if "\x00" in text:
            yield number, None, (NUL, "")
            continue
        longest = max(len(part) for part in text.split(delimiter))
        if longest > MAX_FIELD * 2:  # too long for csv even to be worth reading
            yield number, None, (FIELD_TOO_LONG, str(longest))
            continue
        try:
            row = next(csv.reader([text], delimiter=delimiter))
        except csv.Error as error:
            yield number, None, (MALFORMED, shown(str(error)))
            continue
        yield number, row, None


def _refusal(row, delimiter):
    """(code, value) of what makes ``row`` unusable, or None."""
    if len(row) == 1:
        return NO_SEPARATOR, delimiter
    if len(row) < 6:
        return WRONG_COLUMNS, str(len(row))
    longest = max(row, key=len)
    if len(longest) > MAX_FIELD:
        return FIELD_TOO_LONG, str(len(longest))
    for cell in row:
        control = _control_character(cell)
        if control:
            return CONTROL_CHARACTER, control
    return None


def parse_accounts(data: bytes):
    """(accounts, refusals): refusals are (line number, code, value) for the lines left out."""
    lines = decoded_lines(data)
    delimiter = _delimiter(lines)
    accounts, refusals, emails = [], [], set()
    first = True
    for line, row, refused in records(lines, delimiter):
        if refused is None and first and _is_header(row):
            first = False
            continue
        first = False
        if refused is None and not any(cell.strip() for cell in row):
            continue
        refused = refused or _refusal(row, delimiter)
        if refused is not None:
            refusals.append((line, *refused))
            continue
        fields = dict(
            zip(
                COLUMNS,
                (" ".join(cell.split()) for cell in row + [""] * len(COLUMNS)),
                strict=False,
            )
        )
        civility = CIVILITIES.get(fields["civility"].lower())
        role = ROLES.get(fields["role"].lower())
        email = fields["email"].lower()
        if not fields["first_name"] or not fields["last_name"]:
            refusals.append((line, MISSING_NAME, ""))
        elif not EMAIL.match(email) or not usable_address(email):
            refusals.append((line, BAD_EMAIL, shown(fields["email"])))
        elif role is None:
            refusals.append((line, BAD_ROLE, shown(fields["role"])))
        elif civility is None:
            refusals.append((line, BAD_CIVILITY, shown(fields["civility"])))
        elif email in emails:
            refusals.append((line, DUPLICATE_EMAIL, email))
        else:
            emails.add(email)
            accounts.append(
                Account(line, **{**fields, "civility": civility, "role": role, "email": email})
            )
    return accounts, refusals
