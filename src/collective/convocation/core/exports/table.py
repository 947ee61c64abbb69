"""Tables as the agents' spreadsheets open them: CSV in UTF-8 with a BOM, ";" between fields.

Every cell goes through ``inert``: a text a user typed never becomes a formula.
"""

from decimal import Decimal

import csv
import io


# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` as a cell that a spreadsheet shows as typed: a leading ``'`` before a formula.

    Numbers the add-on itself writes (a sequence number, a count) stay numbers;
    any text, even « -2 » or « +33 6… » typed by a user, is neutralised.
    """
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([inert(cell) for cell in header])
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
