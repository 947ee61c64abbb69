"""A séance's agenda: its items in folder order, moved and renumbered; annexes added at once.

The rules are core/agenda's; here they meet the folder. Renumbering journals
nothing: reordering a séance's contents is not journaled either, and each
edit of an item's own form still is (subscribers/journal).
"""

from collective.convocation import _
from collective.convocation.core.agenda import in_order
from collective.convocation.core.agenda import moved
from collective.convocation.core.agenda import renumbered
from collective.convocation.core.agenda import title_from_filename
from collective.convocation.core.documents import item_title
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from zope.container.contained import notifyContainerModified
from zope.i18nmessageid import Message


UP, DOWN = "up", "down"
CLOSED_STATES = ("archived", "cancelled")


class AgendaRefused(ValueError):
    """A refused change of the agenda; ``message`` is in French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _refuse(message, **mapping):
    raise AgendaRefused(
        api.portal.translate(Message(message, mapping=mapping) if mapping else message)
    )


def items(seance):
    """The séance's agenda items in folder order, whoever asks (callers check what the user sees)."""
    return [child for child in seance.objectValues() if child.portal_type == "AgendaItem"]


def may_reorder(seance):
    """The user may modify the séance and it is still open: not once archived or cancelled."""
    return api.content.get_state(seance) not in CLOSED_STATES and api.user.has_permission(
        "Modify portal content", obj=seance
    )


def may_add_items(seance):
    """The user may add an agenda item to the séance, and it is still open."""
    return api.content.get_state(seance) not in CLOSED_STATES and api.user.has_permission(
        "collective.convocation: Add AgendaItem", obj=seance
    )


def renumber(seance):
    """Numbers follow the folder order again, when a move left them out of it; the items renumbered."""
    agenda = items(seance)
    numbers = [item.number for item in agenda]
    if in_order(numbers):
        return []
    changed = []
    for item, number in zip(agenda, renumbered(numbers), strict=True):
        if number != item.number:
            item.number = number
            item.reindexObject()
            changed.append(item)
    return changed


def move(seance, item_id, direction):
    """Item ``item_id`` goes up or down one rank, with its sub-items; the agenda is renumbered.

    Returns the item. Refuses (AgendaRefused) an unknown item or direction and a move past an end.
    """
    agenda = items(seance)
    ids = [item.getId() for item in agenda]
    if not isinstance(item_id, str) or item_id not in ids:
        _refuse(_("This item is not on the séance's agenda."))
    if direction not in (UP, DOWN):
        _refuse(_("Choose to move the item up or down."))
    index = ids.index(item_id)
    order = moved([item.number for item in agenda], index, -1 if direction == UP else 1)
    item = agenda[index]
    if order is None:
        message = (
            _("${item} is already first.") if direction == UP else _("${item} is already last.")
        )
        _refuse(message, item=item_title(item.number, item.Title()))
    new_ids = [ids[i] for i in order]
    # Each agenda item takes its new place among the agenda items; the séance's other
    # contents (convocations, files) keep theirs.
    ordering = seance.getOrdering()
    places = sorted(ordering.getObjectPosition(id_) for id_ in ids)
    for place, id_ in zip(places, new_ids, strict=True):
        ordering.moveObjectToPosition(id_, place, suppress_events=True)
    renumber(seance)
    # As the REST API's and the folder contents' ordering do (the catalog reads positions live).
    notifyContainerModified(seance)
    return item


def add_annexes(item, files):
    """Each (filename, data) as a File of ``item``, titled from its name; the Files, in order.

    The caller checked every file first: all are added or none.
    """
    # Not api.content.create: it adds under a random id then renames, which the catalog logs as errors.
    return [
        createContentInContainer(
            item,
            "File",
            title=title_from_filename(filename),
            file=NamedBlobFile(data, contentType="application/pdf", filename=filename),
        )
        for filename, data in files
    ]
