"""The evidence journal of each séance: the Plone side of journal.py.

What happens to a séance is appended to its journal, in the transaction
that does it: an aborted action leaves no entry, a committed one always does.
"""

from Acquisition import aq_base
from App.config import getConfiguration
from App.Undo import decode64
from collective.convocation import _
from collective.convocation.chain import fingerprint
from collective.convocation.content import ancestor
from collective.convocation.content.convocation import IConvocation
from collective.convocation.content.seance import ISeance
from collective.convocation.dates import moment
from collective.convocation.dossier import sources
from collective.convocation.exports.journal import journal_csv
from collective.convocation.exports.journal import journal_json
from collective.convocation.journal import check as check_journal
from collective.convocation.journal import Journal
from collective.convocation.journal import seal_after_commit
from collective.convocation.journal import transaction_of
from collective.convocation.receipts import GROUP_PREFIX
from collective.convocation.seal import private_key
from collective.convocation.seal import public_key_pem
from datetime import datetime
from datetime import UTC
from OFS.interfaces import IObjectWillBeRemovedEvent
from pathlib import Path
from plone import api
from plone.base.interfaces.siteroot import IPloneSiteRoot
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.lifecycleevent.interfaces import IObjectAddedEvent

import base64
import hashlib
import os


ANNOTATION_KEY = "collective.convocation.journal"

KIND_TITLES = {
    "created": _("Séance created"),
    "notified": _("Convocations sent"),
    "mail-queued": _("Mail queued"),
    "mail-sent": _("Mail accepted by the server"),
    "mail-failed": _("Mail refused"),
    "receipt": _("Receipt acknowledged"),
    "answer": _("Attendance answered"),
    "renotified": _("Notified again"),
    "roll-call": _("Roll call"),
    "document-added": _("Document added"),
    "document-changed": _("Document changed"),
    "document-removed": _("Document removed"),
    "archived": _("Séance archived"),
    "cancelled": _("Séance cancelled"),
}

SENT_SEANCE_KEPT = _(
    "A sent séance cannot be deleted: it holds the proof of its convocations. "
    "Cancel it or archive it."
)
SENT_SEANCE_STAYS = _(
    "A sent séance cannot be moved or renamed: the convocations sent lead to its address. "
    "Copy it to prepare a new séance."
)
SENT_CONVOCATION_KEPT = _(
    "A convocation of a sent séance cannot be deleted, moved or renamed: it is part of the proof of the sending."
)

SEAL_BROKEN = {
    "truncated": _(
        "The chain was cut: entry no. ${seq}, sealed on ${at}, is no longer in it "
        "(entries removed, or a transaction undone in the database)."
    ),
    "resealed": _(
        "The chain no longer matches its seal: entry no. ${seq}, sealed on ${at}, has changed "
        "(the chain was recomputed or rewritten)."
    ),
    "forged": _(
        "The seals were altered: the seal of entry no. ${seq} was not made with this site's key."
    ),
}

BROKEN = {
    "altered": _("The chain is broken at entry no. ${seq}: the entry was altered."),
    "unlinked": _(
        "The chain is broken at entry no. ${seq}: it does not follow the entry before it."
    ),
    "misplaced": _("The chain is broken at entry no. ${seq}: an entry was removed or moved."),
}


def journal_of(seance, create=False):
    """The séance's Journal; None when nothing was recorded yet and ``create`` is false."""
    annotations = IAnnotations(seance)
    journal = annotations.get(ANNOTATION_KEY)
    if journal is None and create:
        journal = annotations[ANNOTATION_KEY] = Journal()
    return journal


# Where the journals' seals and their key live: outside the ZODB (seal.py).
SEALS_FOLDER_VARIABLE = "CONVOCATION_SEALS"
# The transactions that write a journal entry say so: Undo refuses them (refuse_undo).
JOURNALED = "collective.convocation.journal"


def seals_folder() -> Path:
    """The instance's var/journal-seals, unless the environment names another folder."""
    configured = os.environ.get(SEALS_FOLDER_VARIABLE)
    return Path(configured) if configured else Path(getConfiguration().clienthome) / "journal-seals"


def record(context, kind, **data):
    """Append ``kind`` with ``data`` (plain values) to the journal of the séance holding ``context``.

    The head is sealed once the transaction commits.
    """
    seance = ancestor(context, ISeance)
    if seance is None:
        return None
    actor = None if api.user.is_anonymous() else api.user.get_current().getId()
    journal = journal_of(seance, create=True)
    entry = journal.append(datetime.now(UTC).isoformat(timespec="seconds"), actor, kind, data)
    uid = api.content.get_uuid(seance)
    seal_after_commit(seals_folder(), uid, journal)
    transaction_of(journal).setExtendedInfo(JOURNALED, uid)
    return entry


def entries(seance):
    journal = journal_of(seance)
    return journal.entries() if journal is not None else []


def published(found):
    """The entries as the journal's page and exports give them: each with its own fingerprint."""
    return [{**entry, "fingerprint": fingerprint(entry)} for entry in found]


def file_digest(file):
    """SHA-256 of a stored file, read from its blob in chunks."""
    digest = hashlib.sha256()
    blob = getattr(aq_base(file), "_blob", None)
    if blob is None:
        digest.update(file.data)
    else:
        with blob.open("r") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def described(title, file):
    """A document as the journal keeps it: enough to recognise the very file later."""
    return {
        "title": title,
        "filename": file.filename or "",
        "size": file.getSize(),
        "sha256": file_digest(file),
    }


def documents_sent(seance):
    """Each document of the séance with its SHA-256, as the notified entry keeps them."""
    return [described(source.title, source.file) for source in sources(seance)]


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


def removal_refused(obj):
    """Why ``obj`` cannot be deleted (a message), or None: a sent séance and its convocations hold the proof."""
    if ISeance.providedBy(obj) and obj.sent_at is not None:
        return SENT_SEANCE_KEPT
    if IConvocation.providedBy(obj):
        seance = ancestor(obj, ISeance)
        if seance is not None and seance.sent_at is not None:
            return SENT_CONVOCATION_KEPT
    return None


def moving_refused(obj):
    """Why ``obj`` cannot be moved or renamed (a message), or None."""
    if ISeance.providedBy(obj) and obj.sent_at is not None:
        return SENT_SEANCE_STAYS
    return removal_refused(obj)


def _removing_site(event):
    return IPloneSiteRoot.providedBy(event.object)


def keep_sent_seances(seance, event):
    """A séance once sent carries the proof of its convocations: it is cancelled or archived, never deleted.

    Nor moved or renamed: the mails already sent lead to its address.
    Removing the whole site is let through.
    """
    if seance.sent_at is None or event.oldParent is None or _removing_site(event):
        return
    refusal = SENT_SEANCE_KEPT if event.newParent is None else SENT_SEANCE_STAYS
    raise BadRequest(api.portal.translate(refusal))


def keep_sent_convocations(convocation, event):
    """A convocation of a sent séance is part of its proof: never deleted, moved or renamed, even by a Manager."""
    # Removed with its séance (or above): the séance's own guard speaks.
    if event.object is convocation and event.oldParent is not None:
        refusal = removal_refused(convocation)
        if refusal is not None:
            raise BadRequest(api.portal.translate(refusal))


# What the sending gave a séance; a copy is a new draft that holds none of it.
SENDING_ATTRIBUTES = ("sent_at", "clear_days_given", "ics_sequence")
RECIPIENT_ROLES = {"Official", "Invitee", "Reader"}


def seance_copied(seance, event):
    """A copy is a new draft séance: no convocations, no delivery, no journal, no recipients' roles.

    Called on the copy before it is added anywhere: the convocations it
    carried are dropped without events, so no catalog ever sees them.
    """
    recipients = set()
    for child_id, child in list(seance.objectItems()):
        if child.portal_type == "Convocation":
            recipients.add(child.recipient)
            seance._delObject(child_id, suppress_events=True)
    for attribute in SENDING_ATTRIBUTES:
        if attribute in seance.__dict__:
            delattr(seance, attribute)
    IAnnotations(seance).pop(ANNOTATION_KEY, None)
    for principal, roles in seance.get_local_roles():
        if principal in recipients or principal.startswith(GROUP_PREFIX):
            kept = set(roles) - RECIPIENT_ROLES
            if kept:
                seance.manage_setLocalRoles(principal, sorted(kept))
            else:
                seance.manage_delLocalRoles([principal])


def seance_closed(seance, event):
    """Archived or cancelled; the notified entry is written by the sending, before its mails."""
    closed = {"archive": "archived", "cancel": "cancelled"}
    if event.transition is not None and event.transition.id in closed:
        # the actor is the entry's; the reason is the transition's comment (required to cancel)
        reason = ((event.kwargs or {}).get("comment") or "").strip()
        record(seance, closed[event.transition.id], reason=reason)


def kind_titles():
    return {kind: api.portal.translate(title) for kind, title in KIND_TITLES.items()}


def _said(message, **mapping):
    return api.portal.translate(Message(message, mapping=mapping))


def verification(seance, found=None):
    """The verification of the séance's journal, chain and seals, as plain values with a French message."""
    found = entries(seance) if found is None else found
    uid = api.content.get_uuid(seance)
    chained, sealed = check_journal(found, seals_folder(), uid)
    result = {
        "valid": chained.valid and sealed.valid,
        "checked": chained.checked,
        "broken_at": chained.broken_at,
        "reason": chained.reason,
        "seals": sealed.sealed if sealed else 0,
        "unsealed": sealed.unsealed if sealed else None,
        "sealed_at": "",
        "public_key": seal_public_key(),
    }
    if not chained.valid:
        result["message"] = _said(BROKEN[chained.reason], seq=chained.broken_at)
    elif not sealed.valid:
        result.update(broken_at=sealed.broken_at, reason=sealed.reason, sealed_at=sealed.sealed_at)
        when = moment(datetime.fromisoformat(sealed.sealed_at)) if sealed.sealed_at else ""
        result["message"] = _said(SEAL_BROKEN[sealed.reason], seq=sealed.broken_at, at=when)
    else:
        parts = [_said(_("The chain is intact: ${count} entries verified."), count=chained.checked)]
        if sealed.sealed:
            parts.append(
                _said(
                    _("Its head is sealed outside the database: ${seals} seals verified."),
                    seals=sealed.sealed,
                )
            )
        if sealed.unsealed:
            parts.append(
                _said(_("The last ${count} entries are not sealed yet."), count=sealed.unsealed)
            )
        result["message"] = " ".join(parts)
    return result


def seal_public_key():
    """The public key that checks the seals, for whoever verifies a journal's export."""
    return public_key_pem(private_key(seals_folder()))


def journal_file(seance, kind):
    """(bytes, content type, filename) of the journal as "json" or "csv"."""
    found = entries(seance)
    if kind == "csv":
        return (
            journal_csv(found, kind_titles()),
            "text/csv; charset=utf-8",
            f"journal-{seance.getId()}.csv",
        )
    return (
        journal_json(published(found), verification(seance, found)),
        "application/json",
        f"journal-{seance.getId()}.json",
    )


UNDO_REFUSED = _(
    "This transaction wrote to the evidence journal of a séance: it cannot be undone. "
    "Record what changed with a new action instead."
)
# What Zope and CMF publish to undo transactions: the Undo tab of the ZMI's database, and a CMF portal_undo.
UNDO_METHODS = ("manage_undo_transactions", "undo")


def refuse_undo(event):
    """Undo refuses a transaction that wrote a journal entry, wherever Zope offers it over the web.

    Plone 6 offers no undo of its own. An undo done directly on the database
    (a script, say) cannot be stopped here: the journal's seals show it (seal.py).
    """
    request = event.request
    published = request.get("PUBLISHED")
    if getattr(published, "__name__", None) not in UNDO_METHODS:
        return
    holder = getattr(published, "__self__", None)
    jar = getattr(holder, "_p_jar", None)
    if jar is None:
        return
    info = request.form.get("transaction_info") or ()
    for item in [info] if isinstance(info, str) else info:
        words = str(item).split()
        # The ZMI gives the undo id (the tid in base64) in base64 again
        if words and _journaled(jar.db(), base64.decodebytes(decode64(words[0]))):
            raise Forbidden(translate(UNDO_REFUSED, target_language="fr"))


def _journaled(db, tid):
    try:
        for record in db.storage.iterator(tid, tid):
            return JOURNALED in (record.extension or {})
    except Exception:  # a storage that cannot tell: refuse rather than lose the proof
        return True
    return False
