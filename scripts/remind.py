"""Send the day's reminders: what a cron runs, through `make remind`, while the site is served.

Usage: python scripts/remind.py http://localhost:8080/Plone
The Zope admin's password is ADMIN_PASSWORD (default admin).
"""

import base64
import json
import os
import sys
import urllib.request


def remind(site_url: str) -> int:
    credentials = base64.b64encode(
        f"admin:{os.environ.get('ADMIN_PASSWORD') or 'admin'}".encode()
    ).decode()
    request = urllib.request.Request(
        f"{site_url}/@reminders",
        method="POST",
        headers={"Accept": "application/json", "Authorization": f"Basic {credentials}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.load(response)["sent"]


if __name__ == "__main__":
    sent = remind(sys.argv[1])
    print(f"{sent} rappel(s) envoyé(s).")
