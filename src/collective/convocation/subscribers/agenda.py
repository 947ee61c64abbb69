"""The agenda's numbers follow its order, however the items were moved (pages, REST, folder contents)."""

from collective.convocation.operations.agenda import renumber


# Set on a container while a child comes or goes: the ContainerModifiedEvent that follows is no reordering.
ARRIVING = "_v_convocation_child_came_or_went"


def child_came_or_went(child, event):
    """A child added, removed or renamed: its container's next ContainerModifiedEvent is that, not a move.

    A new item lands last whatever its number: renumbering then would take
    away the number the agent typed (« 2 » added after 1, 2, 3 would be 4).
    And sending, which adds hundreds of convocations, reads no agenda.
    """
    for parent in (event.oldParent, event.newParent):
        if parent is not None:
            setattr(parent, ARRIVING, True)


def renumber_after_reorder(seance, event):
    """The séance's contents changed order (our page, plone.restapi's "ordering", folder contents)."""
    if getattr(seance, ARRIVING, False):
        delattr(seance, ARRIVING)
        return
    renumber(seance)
