"""Accounts of officials and agents from i-delibRE's user CSV, free of Plone.

i-delibRE's columns, in this order: civilité, username, first name, last name,
email, role code, phone, title, deputy. A header line is recognised and
skipped; ";" or "," separate the fields; UTF-8 (with or without BOM) or
Windows-1252, as spreadsheets save them.
"""

from dataclasses import dataclass

import csv
import io
import re


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


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _is_header(row) -> bool:
    return bool(row) and row[0].strip().lower().rstrip(".") in ("civilite", "civilité")


def parse_accounts(data: bytes):
    """(accounts, refusals): refusals are (line number, code, value) for the lines left out."""
    text = _text(data)
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", delimiters=";,")
    accounts, refusals, emails = [], [], set()
    for line, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if not any(cell.strip() for cell in row) or (line == 1 and _is_header(row)):
            continue
        if len(row) < 6:
            refusals.append((line, WRONG_COLUMNS, str(len(row))))
            continue
        fields = dict(
            zip(COLUMNS, (cell.strip() for cell in row + [""] * len(COLUMNS)), strict=False)
        )
        civility = CIVILITIES.get(fields["civility"].lower())
        role = ROLES.get(fields["role"].lower())
        email = fields["email"].lower()
        if not fields["first_name"] or not fields["last_name"]:
            refusals.append((line, MISSING_NAME, ""))
        elif not EMAIL.match(email):
            refusals.append((line, BAD_EMAIL, fields["email"]))
        elif role is None:
            refusals.append((line, BAD_ROLE, fields["role"]))
        elif civility is None:
            refusals.append((line, BAD_CIVILITY, fields["civility"]))
        elif email in emails:
            refusals.append((line, DUPLICATE_EMAIL, email))
        else:
            emails.add(email)
            accounts.append(
                Account(line, **{**fields, "civility": civility, "role": role, "email": email})
            )
    return accounts, refusals
