"""The world is built once per session: each test starts from it as built, whatever the one before did.

The tests go in pairs, in this order: the first changes the world (and commits, for the functional
one), the second finds it as built: content, users, mails, the journal and its seals outside the ZODB.
"""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.journal import entries
from collective.convocation.operations.journal import verification
from plone import api
from world import userid

import transaction


INTRUDER = "intrus@ville-a"
# What the first test of a pair saw before changing anything (the second runs alone without it).
SEEN = {}


def change_everything(world):
    """A new title, a user, a receipt (journaled, and sealed on commit), a mail."""
    world.town_a.title = "Ville changée"
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="intrus@example.org", username=INTRUDER, password="Un-mot-2026-x!")
    with api.env.adopt_user(userid("official")):
        acknowledge(world.convocations[("notified", "official")])
    api.portal.get().MailHost.send(
        "Bonjour", mto="x@example.org", mfrom="y@example.org", subject="Test"
    )


def as_built(world):
    """What the world is when built; ``None`` where it is not."""
    seance = world.seances["notified"]
    return {
        "title": world.town_a.title,
        "intruder": api.user.get(userid=INTRUDER),
        "received": world.convocations[("notified", "official")].received_at,
        "kinds": [entry["kind"] for entry in entries(seance)],
        "mails": len(api.portal.get().MailHost.messages),
    }


def test_a_functional_test_changes_the_world_and_commits(world_of):
    before = SEEN["functional"] = as_built(world_of)
    change_everything(world_of)
    transaction.commit()
    after = as_built(world_of)
    assert after["title"] == "Ville changée"
    assert after["intruder"] is not None
    assert after["kinds"] == [*before["kinds"], "receipt"]
    assert after["mails"] > before["mails"]
    assert verification(world_of.seances["notified"])["valid"]


def test_the_next_functional_test_finds_the_world_as_built(world_of):
    found = as_built(world_of)
    assert found["title"] == "Ville A"
    assert found["intruder"] is None
    assert found["received"] is None
    assert "receipt" not in found["kinds"]
    assert found == SEEN.get("functional", found)
    # The seals of the receipt, written outside the ZODB, are gone with it: the chain is intact.
    checked = verification(world_of.seances["notified"])
    assert checked["valid"], checked["message"]
    assert checked["unsealed"] == 0


def test_an_integration_test_changes_the_world(world):
    SEEN["integration"] = as_built(world)
    change_everything(world)
    assert as_built(world)["title"] == "Ville changée"


def test_the_next_integration_test_finds_the_world_as_built(world, portal):
    found = as_built(world)
    assert found["title"] == "Ville A"
    assert found["intruder"] is None
    assert found["received"] is None
    assert found == SEEN.get("integration", found)
    assert world.town_a.aq_parent == portal  # the world's objects are the test's portal's


def test_a_functional_test_without_the_world_has_none(functional):
    assert "ville-a" not in functional["portal"].objectIds()
    assert api.user.get(userid=userid("official")) is None


def test_an_integration_test_without_the_world_has_none(portal):
    assert "ville-a" not in portal.objectIds()
