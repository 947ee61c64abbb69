"""The answers' tests address the world by URL: the portal, each séance, each convocation."""

import pytest


@pytest.fixture
def urls(functional, world_of):
    """{"portal", "seance-<state>", "<state>-<persona>" (a convocation)}: absolute URLs."""
    return {
        "portal": functional["portal"].absolute_url(),
        **{f"seance-{state}": seance.absolute_url() for state, seance in world_of.seances.items()},
        **{
            f"{state}-{persona}": c.absolute_url()
            for (state, persona), c in world_of.convocations.items()
        },
    }
