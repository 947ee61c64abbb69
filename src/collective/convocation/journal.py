"""The persistent, append-only evidence journal of a séance (ZODB, no Plone), and its seals.

Five hundred officials acknowledging at the same moment all append to the
same journal. Entries are kept in pages of PAGE_SIZE; concurrent appends
to the last page are merged by its conflict resolution, which chains the
second transaction's entries after the first one's, instead of failing
with a ConflictError. Starting a new page seals the previous one, and
appending to a sealed page is a real conflict: Zope retries the request.
"""

from collective.convocation import chain
from collective.convocation import seal
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from persistent.list import PersistentList
from ZODB.POSException import ConflictError

import logging
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


def check(journal_entries, folder, journal_id):
    """The chain's own verification, then its seals'."""
    chained = chain.verify(journal_entries)
    if not chained.valid:
        return chained, None
    return chained, seal.check(
        journal_entries,
        seal.read(folder, journal_id),
        seal.private_key(folder).public_key(),
        journal_id,
    )
