"""Tables as the agents' spreadsheets open them: CSV in UTF-8 with a BOM, ";" between fields."""

import csv
import io


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
