"""Names stay on one line when they are entered, on every path that stores them (core/names.py)."""

from collective.convocation.core.names import cleaned


def keep_names_on_one_line(event):
    """Subscriber of IPropertiesUpdatedEvent: store the cleaned names over the typed ones."""
    changes = cleaned(event.properties)
    if changes:  # the second notification finds nothing to clean, and stops there
        event.principal.setMemberProperties(changes)
