"""Names stay on one line when they are entered, on every path that stores them (core/names.py),
and the lists read from the catalog follow a change of name."""

from collective.convocation.core.names import cleaned
from plone import api


NAME_PROPERTIES = {"fullname", "first_name", "last_name"}


def keep_names_on_one_line(event):
    """Subscriber of IPropertiesUpdatedEvent: store the cleaned names over the typed ones."""
    changes = cleaned(event.properties)
    if changes:  # the second notification finds nothing to clean, and stops there
        event.principal.setMemberProperties(changes)
        return
    if NAME_PROPERTIES & set(event.properties or ()):
        renamed(event.principal.getId())


def renamed(userid):
    """His convocations' records hold his name for the tracking and the proxy lists: written again."""
    for brain in api.content.find(
        portal_type="Convocation", convocation_recipient=userid, unrestricted=True
    ):
        # The names are metadata (convocation_tracking), written again with any index named.
        brain._unrestrictedGetObject().reindexObject(idxs=["convocation_recipient"])
