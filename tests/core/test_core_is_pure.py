"""The pure package and its tests load nothing of Zope, Plone or the ZODB: each in a fresh interpreter."""

from collective.convocation.core import legal
from pathlib import Path

import ast
import json
import os
import pytest
import subprocess
import sys


ROOT = Path(__file__).resolve().parents[2]
ALONE = os.environ.get("CORE_ALONE") == "1"  # set in the run these tests start: no recursion

IMPORT_EVERY_CORE_MODULE = """
import collective.convocation.core as core
import importlib, json, pkgutil, sys

names = [m.name for m in pkgutil.walk_packages(core.__path__, core.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""


def in_a_fresh_interpreter(*args, **env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.skipif(ALONE, reason="runs in the session it starts")
def test_importing_every_core_module_loads_no_framework(framework_modules):
    done = in_a_fresh_interpreter("-c", IMPORT_EVERY_CORE_MODULE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "collective.convocation.core.legal" in result["imported"]
    assert "collective.convocation.core.exports.dossier" in result["imported"]
    assert framework_modules(result["loaded"]) == []


@pytest.mark.skipif(ALONE, reason="runs in the session it starts")
def test_the_core_tests_run_alone_with_no_framework_loaded():
    done = in_a_fresh_interpreter(
        "-m",
        "pytest",
        "tests/core",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:plone",
        "-p",
        "no:zopelayer",
        CORE_ALONE="1",
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout


@pytest.mark.skipif(ALONE, reason="runs in the session it starts")
def test_the_check_fails_a_run_that_loads_zope():
    """pytest-plone's plugin, left on, imports Zope before any test: the same run fails."""
    done = in_a_fresh_interpreter(
        "-m", "pytest", "tests/core/test_lockout.py", "-q", "-p", "no:cacheprovider", CORE_ALONE="1"
    )
    assert done.returncode == pytest.ExitCode.TESTS_FAILED, done.stdout[-3000:]
    assert "modules of Zope, Plone or the ZODB loaded" in done.stdout


def test_the_check_names_what_a_framework_loaded(framework_modules):
    assert framework_modules(["zope.interface", "plone.api", "ZODB.DB", "json", "zoneinfo"]) == [
        "ZODB.DB",
        "plone.api",
        "zope.interface",
    ]


def test_legal_imports_nothing_of_plone_or_zope():
    tree = ast.parse(open(legal.__file__, encoding="utf-8").read())
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert modules <= {"dataclasses", "datetime", "zoneinfo"}
