"""Settings for every test. It imports nothing of Zope or Plone: `tests/core` runs without them.

The Plone site's fixtures (`plone_site.py`) join when the first test module outside `tests/core` is
collected.
"""

from pathlib import Path

import os
import pytest
import socket
import tempfile


# Compile the .po files when Zope loads them (the instance does the same in zope.conf).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
# The journals' seals and their key, out of the ZODB: a folder of this run's own.
os.environ.setdefault("CONVOCATION_SEALS", tempfile.mkdtemp(prefix="convocation-seals-"))

CORE = Path(__file__).resolve().parent / "core"


def pytest_collectstart(collector):
    if isinstance(collector, pytest.Module) and CORE not in collector.path.parents:
        plugins = collector.config.pluginmanager
        if not plugins.has_plugin("plone_site"):
            plugins.import_plugin("plone_site")


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def free_port():
    """free_port(): a TCP port nobody listens on, for a server of the test's own (one per call)."""
    return unused_port
