"""Several Zope instances on one PostgreSQL database (RelStorage), and the background worker.

    python scripts/cluster.py start            # make start-cluster
    python scripts/cluster.py backup [FOLDER]  # make backup
    python scripts/cluster.py restore FOLDER   # make restore (the cluster stopped)

``start`` installs PostgreSQL from Debian's packages when absent, starts it,
creates the database and its user, renders the instances (scripts/
make_instance.py), creates the demo site once, then runs the instances that
serve the site and the worker, until Ctrl-C or SIGTERM; an instance that
stops is started again. Settings from the environment, with their defaults:

- ``CLUSTER`` (``cluster``): the folder of the instances and of ``shared/``,
  which they share: the journals' seals and their key, and the mail queue;
- ``PORTS`` (``8080 8081``): one instance serving the site per port;
- ``CLUSTER_DB`` and ``CLUSTER_DB_USER`` (``convocation``): the database and
  its user on the local PostgreSQL; the user's password is made at the first
  start and kept in ``CLUSTER/etc/postgresql-password``;
- ``RELSTORAGE_DSN``: a database of your own instead (libpq's « dbname=…
  user=… host=… password=… »): nothing is installed nor created;
- ``ADMIN_PASSWORD``: the Zope admin's, at the first start (``admin``).
"""

from pathlib import Path

import datetime
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time


ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESTART_DELAY = 2.0  # seconds before starting again an instance that stopped


class ClusterError(Exception):
    pass


def settings(environ=os.environ) -> dict:
    folder = Path(environ.get("CLUSTER") or ROOT / "cluster").resolve()
    ports = (environ.get("PORTS") or "8080 8081").split()
    if not ports or not all(port.isdigit() for port in ports):
        raise ClusterError(f"PORTS={environ.get('PORTS')!r}: expected ports such as « 8080 8081 ».")
    return {
        "folder": folder,
        "shared": folder / "shared",
        "ports": ports,
        "database": environ.get("CLUSTER_DB") or "convocation",
        "user": environ.get("CLUSTER_DB_USER") or "convocation",
        "dsn": environ.get("RELSTORAGE_DSN", "").strip(),
    }


# PostgreSQL, from Debian's packages -------------------------------------------------------


def _run(*command, **options):
    return subprocess.run(command, check=True, text=True, capture_output=True, **options)


def _versions():
    found = Path("/usr/lib/postgresql")
    return (
        sorted(
            (entry.name for entry in found.iterdir() if (entry / "bin" / "initdb").exists()),
            key=int,
        )
        if found.is_dir()
        else []
    )


def install_postgresql():
    if _versions():
        return
    if os.geteuid() != 0:
        raise ClusterError(
            "PostgreSQL is not installed and only root can install it: "
            "apt-get install postgresql, or set RELSTORAGE_DSN to a database of yours."
        )
    print("Installing PostgreSQL from Debian's packages…", flush=True)
    environ = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=environ)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=environ)


def running_server() -> str:
    """The port of the local PostgreSQL server, created and started when needed."""
    version = _versions()[-1]
    clusters = _run("pg_lsclusters", "--no-header").stdout.split()
    if version not in clusters[0::7]:  # Ver Cluster Port Status Owner Data Log
        _run("pg_createcluster", version, "main")
        clusters = _run("pg_lsclusters", "--no-header").stdout.split()
    line = clusters[clusters[0::7].index(version) * 7 :][:7]
    if line[3] != "online":
        _run("pg_ctlcluster", line[0], line[1], "start")
    return line[2]


def _as_postgres(*command):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return _run(*prefix, *command, cwd="/")


def _identifier(name):
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", name):
        raise ClusterError(
            f"{name!r}: a database or user name is lowercase letters, digits and « _ »."
        )
    return name


def database_dsn(config) -> str:
    """The DSN of the cluster's database: RELSTORAGE_DSN, or the local one, made when absent."""
    if config["dsn"]:
        return config["dsn"]
    install_postgresql()
    port = running_server()
    database, user = _identifier(config["database"]), _identifier(config["user"])
    secret = config["folder"] / "etc" / "postgresql-password"
    if not secret.exists():
        secret.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_urlsafe(24))
    password = secret.read_text(encoding="ascii").strip()
    psql = ("psql", "--port", port, "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-Atc")
    if not _as_postgres(*psql, f"SELECT 1 FROM pg_roles WHERE rolname = '{user}'").stdout.strip():
        _as_postgres(*psql, f"CREATE ROLE {user} LOGIN")
    _as_postgres(*psql, f"ALTER ROLE {user} PASSWORD '{password}'")  # token_urlsafe: no quote
    if not _as_postgres(
        *psql, f"SELECT 1 FROM pg_database WHERE datname = '{database}'"
    ).stdout.strip():
        _as_postgres("createdb", "--port", port, "--owner", user, database)
    return f"dbname={database} user={user} password={password} host=localhost port={port}"


# The instances ------------------------------------------------------------------------------


def instances(config):
    """(name, port or None for the worker) of each instance of the cluster."""
    named = [(f"instance{number}", port) for number, port in enumerate(config["ports"], 1)]
    return named + [("worker", None)]


def instance_environ(config, dsn, name) -> dict:
    return {
        **os.environ,
        "CONVOCATION_STORAGE": "relstorage",
        "RELSTORAGE_DSN": dsn,
        "CONVOCATION_SEALS": str(config["shared"] / "journal-seals"),
        "CONVOCATION_MAIL_QUEUE": str(config["shared"] / "mailqueue"),
        # Only the worker runs the jobs and sends the mails: each once.
        "CONVOCATION_WORKER": "on" if name == "worker" else "off",
    }


def render(config, dsn):
    config["shared"].mkdir(parents=True, exist_ok=True)
    for name, port in instances(config):
        subprocess.run(
            [
                sys.executable,
                ROOT / "scripts" / "make_instance.py",
                config["folder"] / name,
                port or "0",
            ],
            check=True,
            env=instance_environ(config, dsn, name),
        )


def create_site(config, dsn):
    """The demo site, once: through the first instance's configuration."""
    first = config["folder"] / "instance1"
    subprocess.run(
        [
            BIN / "zconsole",
            "run",
            first / "etc" / "zope.conf",
            ROOT / "scripts" / "create_site.py",
        ],
        check=True,
        env=instance_environ(config, dsn, "instance1"),
    )


def command_of(config, name):
    folder = config["folder"] / name
    if name == "worker":
        return [
            BIN / "zconsole",
            "run",
            folder / "etc" / "zope.conf",
            ROOT / "scripts" / "worker.py",
        ]
    return [BIN / "runwsgi", folder / "etc" / "zope.ini"]


class Supervisor:
    """Runs each instance, starts again one that stops, stops them all on SIGTERM or Ctrl-C."""

    def __init__(self, config, dsn):
        self.config, self.dsn = config, dsn
        self.processes = {}
        self.stopping = threading.Event()

    def start(self, name):
        folder = self.config["folder"] / name
        log = open(folder / "var" / "log" / "process.log", "ab")  # noqa: SIM115 - kept by the child
        self.processes[name] = subprocess.Popen(
            command_of(self.config, name),
            env=instance_environ(self.config, self.dsn, name),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        (folder / "var" / "pid").write_text(str(self.processes[name].pid))

    def run(self):
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: self.stopping.set())
        for name, port in instances(self.config):
            self.start(name)
            where = f"http://localhost:{port}/Plone" if port else "the jobs and the mail queue"
            print(
                f"{name}: {where} (log: {self.config['folder'] / name / 'var/log'})",
                flush=True,
            )
        while not self.stopping.wait(0.5):
            for name, process in list(self.processes.items()):
                if process.poll() is not None:
                    print(
                        f"{name} stopped (exit {process.returncode}): started again.",
                        flush=True,
                    )
                    self.stopping.wait(RESTART_DELAY)
                    if not self.stopping.is_set():
                        self.start(name)
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        print("The cluster is stopped.", flush=True)


def start(config):
    dsn = database_dsn(config)
    render(config, dsn)
    create_site(config, dsn)
    Supervisor(config, dsn).run()


# Backups ------------------------------------------------------------------------------------

SEALS_ARCHIVE = "journal-seals.tar.gz"
DUMP = "database.dump"
MANIFEST = "manifest.json"


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_environ(dsn) -> dict:
    """libpq's environment for the DSN: pg_dump and pg_restore get no password on their command line."""
    from psycopg2.extensions import parse_dsn

    names = {
        "host": "PGHOST",
        "port": "PGPORT",
        "user": "PGUSER",
        "password": "PGPASSWORD",
        "dbname": "PGDATABASE",
        "sslmode": "PGSSLMODE",
    }
    return {
        **os.environ,
        "PGCONNECT_TIMEOUT": "10",
        **{names[key]: value for key, value in parse_dsn(dsn).items() if key in names},
    }


def backup(config, target: Path):
    """The database (its blobs with it: RelStorage keeps them in PostgreSQL) and the journals'
    seals with their signing key, in ``target``, with a manifest of their SHA-256."""
    dsn = database_dsn(config)
    target.mkdir(parents=True, exist_ok=False)
    target.chmod(0o700)  # the key signs the journals: whoever reads it can forge a seal
    # The seals before the database: an entry written in between is restored « not sealed yet »
    # (the next entry seals it); the other way round, a seal of an entry that the dump lacks
    # would read as a journal cut short.
    seals = config["shared"] / "journal-seals"
    with tarfile.open(target / SEALS_ARCHIVE, "w:gz") as archive:
        if seals.is_dir():
            archive.add(seals, arcname="journal-seals")
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", target / DUMP],
        check=True,
        env=pg_environ(dsn),
    )
    manifest = {
        "made_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "files": {name: _digest(target / name) for name in (DUMP, SEALS_ARCHIVE)},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    for name in (DUMP, SEALS_ARCHIVE, MANIFEST):
        (target / name).chmod(0o600)
    print(f"Backed up into {target}", flush=True)


def running_instances(config):
    names = []
    for name, _port in instances(config):
        pid = config["folder"] / name / "var" / "pid"
        try:
            os.kill(int(pid.read_text()), 0)
        except (FileNotFoundError, ValueError, ProcessLookupError):
            continue
        names.append(name)
    return names


def restore(config, source: Path):
    """The database and the seals as ``source`` holds them; the cluster must be stopped."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ClusterError(
            f"{source} holds no backup: its {MANIFEST} is missing or unreadable."
        ) from None
    for name, expected in manifest["files"].items():
        if not (source / name).is_file() or _digest(source / name) != expected:
            raise ClusterError(f"{source / name} is not the file that was backed up.")
    running = running_instances(config)
    if running:
        raise ClusterError(f"Stop the cluster first: {', '.join(running)} still running.")
    dsn = database_dsn(config)
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            pg_environ(dsn)["PGDATABASE"],
            source / DUMP,
        ],
        check=True,
        env=pg_environ(dsn),
    )
    seals = config["shared"] / "journal-seals"
    staged = config["shared"] / ".journal-seals-restored"
    shutil.rmtree(staged, ignore_errors=True)
    with tarfile.open(source / SEALS_ARCHIVE) as archive:
        archive.extractall(staged, filter="data")
    shutil.rmtree(seals, ignore_errors=True)
    (staged / "journal-seals").rename(seals)
    staged.rmdir()
    for name, _port in instances(config):  # the blobs' caches may hold what the backup does not
        shutil.rmtree(config["folder"] / name / "var" / "blobcache", ignore_errors=True)
    print(f"Restored from {source}", flush=True)


def main(argv):
    config = settings()
    action = argv[1] if len(argv) > 1 else "start"
    if action == "start":
        start(config)
    elif action == "backup":
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup(config, Path(argv[2]) if len(argv) > 2 else ROOT / "backups" / stamp)
    elif action == "restore" and len(argv) > 2:
        restore(config, Path(argv[2]))
    else:
        raise ClusterError(__doc__)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except ClusterError as error:
        sys.exit(f"cluster: {error}")
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or "").strip() if isinstance(error.stderr, str) else ""
        sys.exit(f"cluster: {' '.join(map(str, error.cmd))} failed ({error.returncode}). {detail}")
