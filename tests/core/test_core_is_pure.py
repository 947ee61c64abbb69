"""core/ needs no site: importing every one of its modules loads no zope, Plone or ZODB module."""

import os
import subprocess
import sys


FRAMEWORKS = (
    "zope",
    "plone",
    "Products",
    "AccessControl",
    "ZODB",
    "persistent",
    "transaction",
    "Zope2",
    "App",
    "OFS",
    "ZPublisher",
)

IMPORT_ALL = """
import importlib, pkgutil, sys
import collective.convocation.core as core
for module in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
    importlib.import_module(module.name)
print("\\n".join(sorted(sys.modules)))
"""


def test_core_imports_no_framework():
    loaded = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    ).stdout.split()
    assert "collective.convocation.core.legal" in loaded
    assert "collective.convocation.core.documents" in loaded
    framework = [name for name in loaded if name.split(".")[0] in FRAMEWORKS]
    assert framework == []
