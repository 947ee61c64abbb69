"""Render the Zope instance's configuration from instance-templates/.

Usage: python scripts/make_instance.py INSTANCE_DIR PORT

The configuration is rendered at every start; the data (var/) is kept. On the
first run the Zope admin ``admin`` is written to ``inituser``, with the
password in ADMIN_PASSWORD (default ``admin``); Zope reads it at startup.
"""

from pathlib import Path

import hashlib
import os
import sys


TEMPLATES = Path(__file__).resolve().parent.parent / "instance-templates"


def render(instance: Path, port: str):
    (instance / "etc").mkdir(parents=True, exist_ok=True)
    for folder in ("filestorage", "blobstorage", "log", "cache"):
        (instance / "var" / folder).mkdir(parents=True, exist_ok=True)
    (instance / "var" / "blobstorage").chmod(0o700)  # ZODB refuses a world-readable blob dir
    for template in TEMPLATES.glob("*.in"):
        text = template.read_text(encoding="utf-8")
        text = text.replace("@@INSTANCE@@", str(instance)).replace("@@PORT@@", port)
        (instance / "etc" / template.stem).write_text(text, encoding="utf-8")
    if not (instance / "var" / "filestorage" / "Data.fs").exists():
        password = os.environ.get("ADMIN_PASSWORD") or "admin"
        digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
        (instance / "inituser").write_text(f"admin:{{SHA256}}{digest}\n", encoding="utf-8")


if __name__ == "__main__":
    render(Path(sys.argv[1]).resolve(), sys.argv[2])
