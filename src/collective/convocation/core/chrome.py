"""Who gets Plone's editing toolbar: whoever holds a role that edits something."""

# What officials and invitees hold: their séances to read, their own convocation (Owner), nothing to edit.
READING_ROLES = frozenset(
    {"Anonymous", "Authenticated", "Member", "Reader", "Official", "Invitee", "Owner"}
)


def edits(roles) -> bool:
    """True when ``roles`` hold one beyond reading and answering (agent, editor, manager…)."""
    return bool(set(roles) - READING_ROLES)
