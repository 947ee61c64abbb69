"""The pure tests: they need no Plone site, and prove it.

With ``CORE_ALONE=1`` the session fails if any module of Zope, Plone or the ZODB is loaded at its end.
Entry-point plugins load some before any test, so turn them off::

    CORE_ALONE=1 pytest tests/core -p no:plone -p no:zopelayer
"""

import os
import pytest
import sys


# Top-level packages of Zope, Plone and the ZODB: none may be loaded by the pure package or its tests.
FRAMEWORKS = frozenset(
    {
        "AccessControl",
        "Acquisition",
        "App",
        "BTrees",
        "DateTime",
        "ExtensionClass",
        "OFS",
        "Products",
        "ZConfig",
        "ZODB",
        "ZPublisher",
        "ZServer",
        "Zope2",
        "five",
        "persistent",
        "plone",
        "pytest_plone",
        "transaction",
        "z3c",
        "zExceptions",
        "zc",
        "zope",
    }
)


def of_frameworks(names):
    """The modules among ``names`` that belong to a framework, sorted."""
    return sorted(name for name in names if name.split(".")[0] in FRAMEWORKS)


@pytest.fixture
def framework_modules():
    """framework_modules(names): those of Zope, Plone or the ZODB, sorted."""
    return of_frameworks


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CORE_ALONE") != "1":
        return
    loaded = of_frameworks(sys.modules)
    if loaded:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_sep(
            "=", f"{len(loaded)} modules of Zope, Plone or the ZODB loaded", red=True
        )
        reporter.write_line(", ".join(loaded[:20]))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
