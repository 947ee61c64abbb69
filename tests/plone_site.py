"""The Plone site for the tests that need one: the layers, and the world of `world.py` as fixtures.

Loaded as a plugin by the root conftest, for every test module outside `tests/core`.
"""

from collective.convocation.testing import FUNCTIONAL_TESTING
from collective.convocation.testing import INTEGRATION_TESTING
from collective.convocation.testing import SMTP_TESTING
from pytest_plone import fixtures_factory
from world import build

import pytest
import transaction


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
    """Two collectivities, their people, and a séance in each workflow state (not committed)."""
    return build(portal)


@pytest.fixture
def world_of(functional):
    """The same world in the functional site, committed: HTTP requests see it."""
    world = build(functional["portal"])  # its sendings done at once: the test's own code
    transaction.commit()
    return world


@pytest.fixture
def notified(world_of):
    """The world's notified séance: its convocations are sent, nobody has answered yet."""
    return world_of.seances["notified"]
