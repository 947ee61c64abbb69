"""What is journaled when it happens: a séance created, closed, and its documents once sent."""

from Acquisition import aq_base
from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.journal import described
from collective.convocation.operations.journal import record
from OFS.interfaces import IObjectWillBeRemovedEvent
from zope.container.interfaces import IContainerModifiedEvent
from zope.lifecycleevent.interfaces import IObjectAddedEvent


# The file fields of a séance, an agenda item and a File.
FILE_FIELDS = ("convocation_file", "synthesis_file", "invitation_file", "main_file", "file")


def document_changed(document, event):
    """Once the séance is sent, every document added, replaced or removed is journaled with its SHA-256."""
    seance = ancestor(document, ISeance)
    if seance is None or seance.sent_at is None or IContainerModifiedEvent.providedBy(event):
        return
    if IObjectWillBeRemovedEvent.providedBy(event):
        kind = "document-removed"
    elif IObjectAddedEvent.providedBy(event):
        kind = "document-added"
    else:
        kind = "document-changed"
    files = [
        described(document.Title(), file)
        # aq_base: a File would acquire its séance's convocation_file
        for file in (getattr(aq_base(document), field, None) for field in FILE_FIELDS)
        if file is not None
    ]
    record(seance, kind, title=document.Title(), documents=files)


def seance_created(seance, event):
    record(
        seance,
        "created",
        title=seance.Title(),
        start=seance.start.isoformat() if seance.start else "",
    )


def seance_closed(seance, event):
    """Archived or cancelled; the notified entry is written by the sending, before its mails."""
    closed = {"archive": "archived", "cancel": "cancelled"}
    if event.transition is not None and event.transition.id in closed:
        # the actor is the entry's; the reason is the transition's comment (required to cancel)
        reason = ((event.kwargs or {}).get("comment") or "").strip()
        record(seance, closed[event.transition.id], reason=reason)
