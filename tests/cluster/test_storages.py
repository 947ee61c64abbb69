"""`scripts/make_instance.py` and its three storages, seen from outside with subprocesses.

FileStorage and ZEO are opened for real through `zconsole run` (a ZEO server of the test's own);
RelStorage is only rendered and parsed with Zope's schema (`test_cluster.py` runs it on
PostgreSQL). Bad settings stop the rendering before anything is written.
"""

from pathlib import Path
from Zope2.Startup.options import ZopeWSGIOptions

import os
import pytest
import socket
import stat
import subprocess
import sys
import time


pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MAKE_INSTANCE = ROOT / "scripts" / "make_instance.py"
# The settings make_instance reads: each test gives its own, nothing leaks from the caller.
OWN = ("CONVOCATION_", "ZEO_", "RELSTORAGE_", "ADMIN_PASSWORD")


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(**settings):
    env = {name: value for name, value in os.environ.items() if not name.startswith(OWN)}
    env.update(settings)
    return env


def make_instance(instance: Path, **settings):
    return subprocess.run(
        [sys.executable, str(MAKE_INSTANCE), str(instance), str(unused_port())],
        env=environment(**settings),
        capture_output=True,
        text=True,
        timeout=60,
    )


def rendered(instance: Path, **settings) -> Path:
    result = make_instance(instance, **settings)
    assert result.returncode == 0, result.stderr
    return instance / "etc" / "zope.conf"


def zconsole(instance: Path, code: str) -> list[str]:
    """Run `code` with `app` bound in the instance; the lines it printed after `PROBE `."""
    script = instance.parent / f"{instance.name}-{time.monotonic_ns()}.py"
    script.write_text("import transaction\n" + code, encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "zconsole"), "run", str(instance / "etc" / "zope.conf"), str(script)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    return [line[6:] for line in result.stdout.splitlines() if line.startswith("PROBE ")]


def store(instance: Path, **values):
    """Commit each value in the ZODB root, `bytes` as a ZODB blob, in one transaction."""
    code = "from ZODB.blob import Blob\nroot = app._p_jar.root()\n"
    for key, value in values.items():
        if isinstance(value, bytes):
            code += f"root[{key!r}] = Blob()\nwith root[{key!r}].open('w') as file:\n"
            code += f"    file.write({value!r})\n"
        else:
            code += f"root[{key!r}] = {value!r}\n"
    zconsole(instance, code + "transaction.commit()\n")


def read(instance: Path, *keys) -> list[str]:
    """The values in the ZODB root, a blob's bytes decoded."""
    return zconsole(
        instance,
        "from ZODB.blob import Blob\n"
        f"for key in {keys!r}:\n"
        "    value = app._p_jar.root()[key]\n"
        "    if isinstance(value, Blob):\n"
        "        with value.open('r') as file:\n"
        "            value = file.read().decode()\n"
        "    print('PROBE', value)\n",
    )


def blob_files(folder: Path) -> list[Path]:
    return list(folder.rglob("*.blob"))


@pytest.fixture(scope="module")
def zeo_server(tmp_path_factory):
    """A ZEO server on 127.0.0.1 with a FileStorage and blobs: (address, its blob folder).

    `runzeo` has no blob option of its own: the blob folder needs a configuration file (-C).
    """
    folder = tmp_path_factory.mktemp("zeo")
    blobs = folder / "blobs"
    blobs.mkdir(mode=0o700)
    address = f"127.0.0.1:{unused_port()}"
    configuration = folder / "zeo.conf"
    configuration.write_text(
        f"<zeo>\n  address {address}\n</zeo>\n"
        f"<blobstorage 1>\n  blob-dir {blobs}\n"
        f"  <filestorage>\n    path {folder / 'Data.fs'}\n  </filestorage>\n</blobstorage>\n",
        encoding="utf-8",
    )
    log = (folder / "runzeo.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "runzeo"), "-C", str(configuration)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=environment(),
    )
    try:
        host, port = address.split(":")
        deadline = time.monotonic() + 20
        while True:
            assert server.poll() is None, (folder / "runzeo.log").read_text()
            try:
                socket.create_connection((host, int(port)), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "runzeo did not listen within 20 s"
                time.sleep(0.1)
        yield address, blobs
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_filestorage_is_the_default_and_keeps_what_is_committed(tmp_path):
    """Without CONVOCATION_STORAGE the instance writes var/filestorage/Data.fs; a second process reads it back."""
    instance = tmp_path / "instance"
    text = rendered(instance).read_text(encoding="utf-8")
    assert "<filestorage>" in text and "%import relstorage" not in text
    store(instance, probe="filestorage probe")
    assert read(instance, "probe") == ["filestorage probe"]
    assert (instance / "var" / "filestorage" / "Data.fs").is_file()


def test_zeo_instances_share_the_storage_with_blob_caches_of_their_own(tmp_path, zeo_server):
    """Two instances on one ZEO server: what one commits, the other reads, blobs included.

    Without ZEO_SHARED_BLOB_DIR each instance keeps the blobs in its own var/blobcache.
    """
    address, _ = zeo_server
    first, second = tmp_path / "first", tmp_path / "second"
    for instance in (first, second):
        text = rendered(instance, CONVOCATION_STORAGE="zeo", ZEO_ADDRESS=address).read_text()
        assert f"server {address}" in text
        assert f"blob-dir {instance / 'var' / 'blobcache'}" in text
        assert "shared-blob-dir false" in text
    store(first, value="written through the first instance", blob=b"blob through a cache")
    assert read(second, "value", "blob") == [
        "written through the first instance",
        "blob through a cache",
    ]
    assert blob_files(second / "var" / "blobcache")  # downloaded into the reader's own cache
    assert not (first / "var" / "filestorage" / "Data.fs").exists()


def test_zeo_instances_share_the_server_blob_folder(tmp_path, zeo_server):
    """With ZEO_SHARED_BLOB_DIR the server and both instances use one blob folder, no cache."""
    address, blobs = zeo_server
    first, second = tmp_path / "first", tmp_path / "second"
    for instance in (first, second):
        settings = {"ZEO_ADDRESS": address, "ZEO_SHARED_BLOB_DIR": str(blobs)}
        text = rendered(instance, CONVOCATION_STORAGE="zeo", **settings).read_text()
        assert f"blob-dir {blobs}" in text and "shared-blob-dir true" in text
    before = set(blob_files(blobs))
    store(first, shared=b"blob through the shared folder")
    assert read(second, "shared") == ["blob through the shared folder"]
    assert set(blob_files(blobs)) - before  # the blob lies in the shared folder
    for instance in (first, second):
        assert not blob_files(instance / "var" / "blobcache")


def test_relstorage_renders_a_valid_configuration(tmp_path):
    """RelStorage: %import, blobs in the database, `$` of the password doubled, zope.conf 0600.

    Zope's own schema parses the file (without opening the database) and gives the DSN back.
    """
    dsn = "dbname=convocation user=zope host=127.0.0.1 password=s3cr$t$$"
    conf = rendered(tmp_path / "instance", CONVOCATION_STORAGE="relstorage", RELSTORAGE_DSN=dsn)
    text = conf.read_text(encoding="utf-8")
    assert "%import relstorage" in text
    assert "shared-blob-dir false" in text
    assert "dsn dbname=convocation user=zope host=127.0.0.1 password=s3cr$$t$$$$" in text
    assert stat.S_IMODE(conf.stat().st_mode) == 0o600
    options = ZopeWSGIOptions(str(conf))
    options.load_schema()
    options.load_configfile()
    (database,) = options.configroot.databases
    assert database.config.mount_points == ["/"]
    storage = database.config.storage.config
    assert storage.shared_blob_dir is False
    assert storage.adapter.config.dsn == dsn


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"CONVOCATION_STORAGE": "mysql"}, "CONVOCATION_STORAGE"),
        ({"CONVOCATION_STORAGE": "zeo"}, "ZEO_ADDRESS"),
        ({"CONVOCATION_STORAGE": "relstorage"}, "RELSTORAGE_DSN"),
        ({"CONVOCATION_STORAGE": "zeo", "ZEO_ADDRESS": "127.0.0.1:1\nx"}, "ZEO_ADDRESS"),
        ({"CONVOCATION_STORAGE": "relstorage", "RELSTORAGE_DSN": "dbname=a\nb"}, "RELSTORAGE_DSN"),
        pytest.param(
            {
                "CONVOCATION_STORAGE": "zeo",
                "ZEO_ADDRESS": "127.0.0.1:1",
                "ZEO_SHARED_BLOB_DIR": "/srv/blobs\n    read-only true",
            },
            "ZEO_SHARED_BLOB_DIR",
            id="shared-blob-dir-newline",
        ),
        pytest.param(
            {"CONVOCATION_SEALS": "/srv/seals\nx"},
            "CONVOCATION_SEALS",
            id="seals-newline",
        ),
    ],
)
def test_a_bad_setting_stops_before_anything_is_written(tmp_path, settings, named):
    """A bad setting: non-zero exit, `make_instance: ` and the variable's name, no etc/zope.conf."""
    instance = tmp_path / "instance"
    result = make_instance(instance, **settings)
    assert result.returncode != 0
    assert result.stderr.startswith("make_instance: ")
    assert named in result.stderr
    assert not (instance / "etc" / "zope.conf").exists()
    assert not instance.exists()


def test_the_environment_is_passed_on_to_the_instance(tmp_path):
    """CONVOCATION_WORKER and CONVOCATION_SEALS land in <environment> (`$` doubled); the instance,
    started without them, reads the original path back."""
    instance = tmp_path / "instance"
    seals = str(tmp_path / "pa$th")
    text = rendered(instance, CONVOCATION_WORKER="off", CONVOCATION_SEALS=seals).read_text()
    block = text.split("<environment>")[1].split("</environment>")[0]
    assert "\n  CONVOCATION_WORKER off\n" in block
    assert f"\n  CONVOCATION_SEALS {seals.replace('$', '$$')}\n" in block
    assert "CONVOCATION_MAIL_QUEUE" not in block
    lines = zconsole(
        instance,
        "import os\n"
        "print('PROBE', os.environ['CONVOCATION_SEALS'])\n"
        "print('PROBE', os.environ['CONVOCATION_WORKER'])\n",
    )
    assert lines == [seals, "off"]
