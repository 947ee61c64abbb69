"""Render the Zope instance's configuration from instance-templates/.

Usage: python scripts/make_instance.py INSTANCE_DIR PORT

The configuration is rendered at every start; the data (var/) is kept. The
storage comes from the environment (README « Storage »):

- ``CONVOCATION_STORAGE=filestorage`` (the default): ``var/filestorage/Data.fs``
  and ``var/blobstorage``;
- ``CONVOCATION_STORAGE=zeo``: a ZEO server at ``ZEO_ADDRESS`` (host:port or a
  socket's path); the blobs in ``ZEO_SHARED_BLOB_DIR`` when the server and every
  instance share that folder, else in a cache of this instance's own;
- ``CONVOCATION_STORAGE=relstorage``: PostgreSQL at ``RELSTORAGE_DSN`` (libpq's
  « dbname=… user=… host=… password=… »), the blobs in the database and a cache
  of this instance's own.

``CONVOCATION_SEALS``, ``CONVOCATION_MAIL_QUEUE`` and ``CONVOCATION_WORKER``,
when set, are written into the instance's environment: the instance keeps them
when started alone. On the first run the Zope admin ``admin`` is written to
``inituser``, with the password in ADMIN_PASSWORD (default ``admin``); Zope
reads it at startup.
"""

from pathlib import Path

import hashlib
import os
import sys


TEMPLATES = Path(__file__).resolve().parent.parent / "instance-templates"
STORAGES = ("filestorage", "zeo", "relstorage")
PASSED_ON = ("CONVOCATION_SEALS", "CONVOCATION_MAIL_QUEUE", "CONVOCATION_WORKER")


class ConfigurationError(Exception):
    pass


def _zconfig(value: str) -> str:
    """``value`` as ZConfig reads it back: a ``$`` of a password is no substitution."""
    return value.replace("$", "$$")


def _one_line(name, value):
    if "\n" in value or "\r" in value:
        raise ConfigurationError(f"{name} must be on one line.")
    return value


def _required(name, environ):
    value = _one_line(name, environ.get(name, "").strip())
    if not value:
        raise ConfigurationError(f"{name} must be set for this storage.")
    return _zconfig(value)


def storage_settings(instance: Path, environ=os.environ) -> dict:
    """The placeholders of the storage that the environment asks for."""
    storage = environ.get("CONVOCATION_STORAGE", "filestorage").strip().lower() or "filestorage"
    if storage not in STORAGES:
        raise ConfigurationError(
            f"CONVOCATION_STORAGE={storage!r}: expected one of {', '.join(STORAGES)}."
        )
    section = (TEMPLATES / "storage" / f"{storage}.conf.in").read_text(encoding="utf-8").strip()
    settings = {"@@STORAGE_IMPORT@@": "", "@@STORAGE@@": storage}
    if storage == "zeo":
        shared = _one_line("ZEO_SHARED_BLOB_DIR", environ.get("ZEO_SHARED_BLOB_DIR", "").strip())
        settings.update(
            {
                "@@ZEO_ADDRESS@@": _required("ZEO_ADDRESS", environ),
                "@@ZEO_BLOB_DIR@@": _zconfig(shared) or str(instance / "var" / "blobcache"),
                "@@ZEO_SHARED_BLOBS@@": "true" if shared else "false",
            }
        )
    elif storage == "relstorage":
        settings["@@STORAGE_IMPORT@@"] = "%import relstorage"
        settings["@@RELSTORAGE_DSN@@"] = _required("RELSTORAGE_DSN", environ)
    for placeholder, value in settings.items():
        section = section.replace(placeholder, value)
    settings["@@STORAGE_SECTION@@"] = section
    return settings


def environment_lines(environ=os.environ) -> str:
    return "\n".join(
        f"  {name} {_zconfig(_one_line(name, environ[name].strip()))}"
        for name in PASSED_ON
        if environ.get(name, "").strip()
    )


def render(instance: Path, port: str):
    # Checked first: a setting refused leaves nothing half-written.
    settings = storage_settings(instance)
    environment = environment_lines()
    (instance / "etc").mkdir(parents=True, exist_ok=True)
    for folder in ("filestorage", "blobstorage", "blobcache", "log", "cache"):
        (instance / "var" / folder).mkdir(parents=True, exist_ok=True)
    for folder in ("blobstorage", "blobcache"):
        (instance / "var" / folder).chmod(0o700)  # ZODB refuses a world-readable blob dir
    replacements = {
        **settings,
        "@@INSTANCE@@": str(instance),
        "@@PORT@@": port,
        "@@ENVIRONMENT@@": environment,
    }
    for template in TEMPLATES.glob("*.in"):
        text = template.read_text(encoding="utf-8")
        if template.name == "zope.conf.in":  # ZConfig reads a « $ » of the path as a substitution
            text = text.replace("@@INSTANCE@@", _zconfig(str(instance)))
        for placeholder, value in replacements.items():
            text = text.replace(placeholder, value)
        rendered = instance / "etc" / template.stem
        rendered.write_text(text, encoding="utf-8")
        rendered.chmod(0o600)  # a database's password may be in it
    inituser = instance / "inituser"
    first_run = (
        not (instance / "var" / "filestorage" / "Data.fs").exists()
        if settings["@@STORAGE@@"] == "filestorage"
        else not inituser.exists()
    )
    if first_run:
        password = os.environ.get("ADMIN_PASSWORD") or "admin"
        digest = hashlib.sha256(password.encode("utf-8")).hexdigest()
        inituser.write_text(f"admin:{{SHA256}}{digest}\n", encoding="utf-8")
        inituser.chmod(0o600)


if __name__ == "__main__":
    try:
        render(Path(sys.argv[1]).resolve(), sys.argv[2])
    except ConfigurationError as error:
        sys.exit(f"make_instance: {error}")
