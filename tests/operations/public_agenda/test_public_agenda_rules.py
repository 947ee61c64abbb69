"""Which séances the public agenda shows, and publishing by hand (operations/public_agenda.py)."""

from collective.convocation.operations.public_agenda import may_publish
from collective.convocation.operations.public_agenda import public_seances
from collective.convocation.operations.public_agenda import publish
from collective.convocation.operations.public_agenda import published
from collective.convocation.operations.public_agenda import PublishingRefused
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from world import move_start
from world import userid

import pytest


def titles(world, now=None):
    return sorted(seance.title for seance in public_seances(world.town_a, now))


def test_sent_seances_are_public_drafts_never(world):
    assert {state: published(seance) for state, seance in world.seances.items()} == {
        "draft": False,
        "notified": True,
        "archived": True,
        "cancelled": True,
    }
    assert titles(world) == ["Séance archived", "Séance cancelled", "Séance notified"]
    assert public_seances(world.town_b) == []


def test_older_than_three_months_is_left_out(world):
    archived = world.seances["archived"]
    move_start(archived, datetime.now(UTC) - timedelta(days=80))
    assert "Séance archived" in titles(world)
    move_start(archived, datetime.now(UTC) - timedelta(days=100))
    assert "Séance archived" not in titles(world)


def test_kept_for_later_until_an_agent_publishes(world):
    seance = world.seances["notified"]
    seance.agenda_publication = "by_hand"
    assert not published(seance)
    assert "Séance notified" not in titles(world)
    with api.env.adopt_user(userid("official")):
        assert not may_publish(seance)
    with api.env.adopt_user(userid("agent")):
        assert may_publish(seance)
        at = publish(seance)
        assert not may_publish(seance)
    assert seance.agenda_published_at == at
    assert "Séance notified" in titles(world)
    (public,) = [s for s in public_seances(world.town_a) if s.title == "Séance notified"]
    assert public.published_at == at


def test_publishing_refuses_a_draft_and_a_published_agenda(world):
    draft = world.seances["draft"]
    draft.agenda_publication = "by_hand"
    with api.env.adopt_user(userid("agent")):
        assert not may_publish(draft)
        with pytest.raises(PublishingRefused) as refused:
            publish(draft)
        assert refused.value.message.startswith("Envoyez d'abord les convocations")
        with pytest.raises(PublishingRefused) as refused:
            publish(world.seances["notified"])  # published at the sending
        assert refused.value.message == "L'ordre du jour est déjà publié."
    assert draft.agenda_published_at is None
