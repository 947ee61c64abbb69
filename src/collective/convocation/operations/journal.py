"""The evidence journal of each séance: its persistent pages, its record, its seals and its verification.

What happens to a séance is appended to its journal, in the transaction
that does it: an aborted action leaves no entry, a committed one always does.

Five hundred officials acknowledging at the same moment all append to the
same journal. Entries are kept in pages of PAGE_SIZE; concurrent appends
to the last page are merged by its conflict resolution, which chains the
second transaction's entries after the first one's, instead of failing
with a ConflictError. Starting a new page seals the previous one, and
appending to a sealed page is a real conflict: Zope retries the request.
The head is signed outside the database after each commit (core/seal.py)."""

from Acquisition import aq_base
from App.config import getConfiguration
from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.convocation import IConvocation
from collective.convocation.content.seance import ISeance
from collective.convocation.core import chain
from collective.convocation.core import seal
from collective.convocation.core.chain import fingerprint
from collective.convocation.core.dates import french_date
from collective.convocation.core.dates import moment
from collective.convocation.core.dates import time_of_day
from collective.convocation.core.exports.journal import journal_csv
from collective.convocation.core.exports.journal import journal_json
from collective.convocation.core.exports.journal_pdf import journal_pdf
from collective.convocation.core.exports.journal_pdf import PrintedEntry
from collective.convocation.core.seal import check_journal
from collective.convocation.core.seal import private_key
from collective.convocation.core.seal import public_key_pem
from collective.convocation.operations.documents import sources
from collective.convocation.operations.people import full_name
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import term_title
from datetime import date
from datetime import datetime
from datetime import UTC
from pathlib import Path
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.i18nmessageid import Message

import hashlib
import logging
import os
import transaction


logger = logging.getLogger(__name__)


PAGE_SIZE = 100


class JournalPage(Persistent):
    """Up to PAGE_SIZE chained entries, each a dict of plain values."""

    sealed = False

    def __init__(self, first_seq, prev):
        self.first_seq = first_seq  # the seq of its first entry
        self.prev = prev  # the hash of the entry before its first one
        self.entries = []

    def last(self):
        """(seq, hash) the next entry follows."""
        if self.entries:
            return self.entries[-1]["seq"] + 1, self.entries[-1]["hash"]
        return self.first_seq, self.prev

    def append(self, fields):
        entry = chain.link(fields, *self.last())
        self.entries = [*self.entries, entry]  # a new list: the page is marked changed
        return entry

    def _p_resolveConflict(self, old, committed, new):
        """Keep both transactions' appends: ``new``'s entries are chained after ``committed``'s."""
        kept = old.get("entries", [])
        committed_entries = committed.get("entries", [])
        new_entries = new.get("entries", [])
        sealing = old.get("sealed", False) != committed.get("sealed", False) or old.get(
            "sealed", False
        ) != new.get("sealed", False)
        if sealing or committed_entries[: len(kept)] != kept or new_entries[: len(kept)] != kept:
            raise ConflictError("the journal page was sealed or rewritten")
        if committed_entries:
            seq, prev = committed_entries[-1]["seq"] + 1, committed_entries[-1]["hash"]
        else:
            seq, prev = committed["first_seq"], committed["prev"]
        resolved = dict(committed)
        resolved["entries"] = committed_entries + chain.relink(new_entries[len(kept) :], seq, prev)
        return resolved


class Journal(Persistent):
    """A séance's journal: its pages, in order."""

    def __init__(self):
        self.pages = PersistentList()

    def append(self, at, actor, kind, data=None):
        """Append an entry and return it; ``at`` is an ISO 8601 string, ``data`` plain values."""
        fields = {"at": at, "actor": actor or "", "kind": kind, "data": dict(data or {})}
        page = self.pages[-1] if self.pages else None
        if page is None or len(page.entries) >= PAGE_SIZE:
            seq, prev = page.last() if page is not None else (0, chain.GENESIS)
            if page is not None:
                page.sealed = True
            page = JournalPage(seq, prev)
            self.pages.append(page)
        return page.append(fields)

    def entries(self):
        return [entry for page in self.pages for entry in page.entries]

    def verify(self):
        return chain.verify(self.entries())


# The journals a transaction appended to, sealed once it has committed.
_TO_SEAL = object()


def transaction_of(journal):
    """The transaction writing ``journal``: its connection's, which a worker thread manages itself."""
    jar = journal._p_jar  # None for a journal made in this transaction
    return jar.transaction_manager.get() if jar is not None else transaction.get()


def seal_after_commit(folder, journal_id, journal):
    """Seal ``journal``'s head (seal.py) once the transaction writing it commits, never if it aborts."""
    txn = transaction_of(journal)
    try:
        pending = txn.data(_TO_SEAL)
    except KeyError:
        pending = {}
        txn.set_data(_TO_SEAL, pending)
        txn.addAfterCommitHook(_seal_heads, (folder, pending))
    pending[journal_id] = journal


def _seal_heads(committed, folder, pending):
    if not committed:
        return
    for journal_id, journal in pending.items():
        try:
            seal_head(folder, journal_id, journal)
        except Exception:  # the commit stands; the next entry seals the head again
            logger.exception("The head of the journal %s could not be sealed", journal_id)


def seal_head(folder, journal_id, journal):
    """Sign the head as the database holds it now.

    Read back through a connection of its own: when two transactions
    appended at once, the conflict resolution chained this one's entries
    after the other's, and the head is not the one this transaction computed.
    """
    manager = transaction.TransactionManager()
    connection = journal._p_jar.db().open(transaction_manager=manager)
    try:
        pages = connection.get(journal._p_oid).pages
        if not pages or not pages[-1].entries:
            return
        head = pages[-1].entries[-1]
        seal.append(
            folder,
            journal_id,
            seal.make(
                seal.private_key(folder),
                journal_id,
                head["seq"],
                head["hash"],
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
    finally:
        manager.abort()
        connection.close()


ANNOTATION_KEY = "collective.convocation.journal"

KIND_TITLES = {
    "created": _("Séance created"),
    "notified": _("Convocations sent"),
    "sending-done": _("Sending finished"),
    "mail-queued": _("Mail queued"),
    "mail-sent": _("Mail accepted by the server"),
    "mail-failed": _("Mail refused"),
    "receipt": _("Receipt acknowledged"),
    "answer": _("Attendance answered"),
    "renotified": _("Notified again"),
    "roll-call": _("Roll call"),
    "posted": _("Letter posted"),
    "document-added": _("Document added"),
    "document-changed": _("Document changed"),
    "document-removed": _("Document removed"),
    "minutes-added": _("Minutes added"),
    "minutes-replaced": _("Minutes replaced"),
    "archived": _("Séance archived"),
    "cancelled": _("Séance cancelled"),
    "agenda-published": _("Agenda published"),
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


def readable(seance, found):
    """The entries as an agent reads them: a name for each user id, French titles and details."""
    titles = kind_titles()
    names = {}

    def name(userid):
        if userid and userid not in names:
            names[userid] = full_name(userid)
        return names.get(userid, "")

    return [
        PrintedEntry(
            seq=entry["seq"],
            when=moment(datetime.fromisoformat(entry["at"])),
            kind=titles.get(entry["kind"], entry["kind"]),
            actor=name(entry["actor"]),
            details=tuple(details(seance, entry["data"], name)),
            fingerprint=fingerprint(entry),
        )
        for entry in found
    ]


def details(seance, data, name):
    """An entry's data as an agent reads it, in parts."""
    parts = []
    if data.get("recipient"):
        parts.append(name(data["recipient"]))
    if data.get("attendance"):
        parts.append(term_title(attendances, data["attendance"], seance))
    if data.get("proxy_holder"):
        parts.append(f"→ {name(data['proxy_holder'])}")
    if data.get("actual"):
        parts.append(term_title(actual_attendances, data["actual"], seance))
    # The roll call's times (ISO, UTC), read in Paris time
    for key, label in (("arrived_at", _("arrived at ${time}")), ("left_at", _("left at ${time}"))):
        if data.get(key):
            at = time_of_day(datetime.fromisoformat(data[key]))
            parts.append(api.portal.translate(Message(label, mapping={"time": at})))
    for key in ("subject", "reason", "title"):
        if data.get(key):
            parts.append(str(data[key]))
    if data.get("posted_on"):  # operations/paper.py: the day the agent gave
        day = french_date(date.fromisoformat(data["posted_on"]))
        parts.append(api.portal.translate(_("posted on ${day}", mapping={"day": day})))
    if data.get("clear_days") is not None:
        parts.append(
            api.portal.translate(_("${days} clear days", mapping={"days": data["clear_days"]}))
        )
    for document in data.get("documents", ()):
        parts.append(f"{document['title']} (SHA-256 {document['sha256']})")
    return parts


def seal_public_key():
    """The public key that checks the seals, for whoever verifies a journal's export."""
    return public_key_pem(private_key(seals_folder()))


def journal_file(seance, kind):
    """(bytes, content type, filename) of the journal as "json", "csv" or "pdf"."""
    found = entries(seance)
    if kind == "pdf":
        result = verification(seance, found)
        return (
            journal_pdf(
                seance.Title(),
                readable(seance, found),
                result["message"],
                result["public_key"],
                result["valid"],
            ),
            "application/pdf",
            f"journal-{seance.getId()}.pdf",
        )
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
