"""Who gets Plone's editing toolbar."""

from collective.convocation.core.chrome import edits


def test_officials_and_invitees_edit_nothing():
    assert not edits({"Member", "Authenticated", "Reader", "Official", "Owner"})
    assert not edits({"Member", "Authenticated", "Invitee"})


def test_agents_editors_and_managers_edit():
    assert edits({"Member", "Authenticated", "ConvocationAgent"})
    assert edits({"Member", "ConvocationAdmin"})
    assert edits({"Authenticated", "Manager"})
    assert edits({"Member", "Editor"})
