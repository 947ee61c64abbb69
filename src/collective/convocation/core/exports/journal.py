"""The evidence journal as a file, free of Plone: entries in, JSON or CSV bytes out.

Both keep every hashed field as it is (user ids, UTC time, data as JSON), so
that anybody can check the chain again from the file alone. In the CSV, a text
that a spreadsheet would compute (« =… », « @… ») carries a leading « ' »
(exports/table.py): drop it before hashing again; the JSON keeps every value as is.
"""

from collective.convocation.core.dates import moment
from collective.convocation.core.exports.table import csv_bytes
from datetime import datetime

import json


COLUMNS = (
    "N°",
    "Date",
    "Événement",
    "Horodatage (UTC)",
    "Auteur",
    "Type",
    "Données",
    "Empreinte précédente",
    "Empreinte",
)


def journal_csv(entries, kind_titles) -> bytes:
    """``kind_titles``: the French title of each kind of entry."""
    return csv_bytes(
        COLUMNS,
        (
            (
                entry["seq"],
                moment(datetime.fromisoformat(entry["at"])),
                kind_titles.get(entry["kind"], entry["kind"]),
                entry["at"],
                entry["actor"],
                entry["kind"],
                json.dumps(entry["data"], ensure_ascii=False, sort_keys=True),
                entry["prev"],
                entry["hash"],
            )
            for entry in entries
        ),
    )


def journal_json(entries, verification: dict) -> bytes:
    return json.dumps(
        {"verification": verification, "entries": list(entries)},
        ensure_ascii=False,
        indent=1,
    ).encode("utf-8")
