"""Fixtures of the REST services' tests."""

from collective.convocation.operations.answers import acknowledge
from plone import api
from world import userid

import pytest
import transaction


@pytest.fixture
def site(world_of):
    """The world, committed for HTTP requests, with the official's receipt of the notified séance."""
    world = world_of
    with api.env.adopt_user(userid("official")):
        acknowledge(world.convocations[("notified", "official")])
    transaction.commit()
    return world


@pytest.fixture
def without_rest_api(site):
    """The world, where no one but the Manager may use the REST API (plone.restapi's own permission)."""
    site.town_a.manage_permission("plone.restapi: Use REST API", roles=["Manager"], acquire=False)
    transaction.commit()
    return site
