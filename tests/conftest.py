import os
import pytest
import tempfile


# Compile the .po files when Zope loads them (the instance does the same in zope.conf).
os.environ.setdefault("zope_i18n_compile_mo_files", "true")
# The journals' seals and their key, out of the ZODB: a folder of this run's own.
os.environ.setdefault("CONVOCATION_SEALS", tempfile.mkdtemp(prefix="convocation-seals-"))

from collective.convocation.testing import FUNCTIONAL_TESTING  # noqa: E402
from collective.convocation.testing import INTEGRATION_TESTING  # noqa: E402
from collective.convocation.testing import SMTP_TESTING  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
            (SMTP_TESTING, "smtp"),
        )
    )
)


@pytest.fixture
def world(portal):
    """Two collectivities, their people, and a séance in each workflow state."""
    from world import build

    return build(portal)
