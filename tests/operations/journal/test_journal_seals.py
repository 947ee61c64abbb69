"""The journal's seals, on a real FileStorage and without Plone: what they detect and what they let pass."""

from collective.convocation.core import chain
from collective.convocation.core import seal
from collective.convocation.core.seal import check_journal as check
from collective.convocation.operations.journal import Journal
from collective.convocation.operations.journal import seal_after_commit
from ZODB.FileStorage import FileStorage

import json
import pytest
import transaction
import ZODB


JOURNAL_ID = "seance-uid"


@pytest.fixture
def db(tmp_path):
    database = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    yield database
    database.close()


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "seals"


def append(connection, folder, kind, **data):
    journal = connection.root()["journal"]
    journal.append("2026-11-28T10:00:00+00:00", "elu@ville", kind, data)
    seal_after_commit(folder, JOURNAL_ID, journal)
    transaction.commit()
    return connection.db().undoLog(0, 1)[0]["id"]  # the id Undo knows it by


@pytest.fixture
def journaled(db, folder):
    """A journal of three entries, each appended and sealed in a transaction of its own."""
    connection = db.open()
    connection.root()["journal"] = Journal()
    transaction.commit()
    tids = [
        append(connection, folder, "created"),
        append(connection, folder, "receipt", recipient="elu@ville"),
        append(connection, folder, "answer", recipient="elu@ville", attendance="present"),
    ]
    yield connection, tids
    transaction.abort()
    connection.close()


def verified(connection, folder):
    return check(connection.root()["journal"].entries(), folder, JOURNAL_ID)


def test_each_commit_seals_the_head(journaled, folder):
    connection, _ = journaled
    chained, sealed = verified(connection, folder)
    assert chained.valid and sealed.valid
    assert sealed.sealed == 3 and sealed.unsealed == 0
    assert [line["seq"] for line in seal.read(folder, JOURNAL_ID)] == [0, 1, 2]
    assert (folder / seal.KEY_FILE).stat().st_mode & 0o777 == 0o600


def test_an_aborted_transaction_seals_nothing(journaled, folder):
    connection, _ = journaled
    connection.root()["journal"].append("2026-11-28T11:00:00+00:00", "x", "receipt", {})
    seal_after_commit(folder, JOURNAL_ID, connection.root()["journal"])
    transaction.abort()
    assert len(seal.read(folder, JOURNAL_ID)) == 3


def test_an_undone_transaction_is_detected(journaled, db, folder):
    """Undo in the database takes the answer and its entry away; the seal of that head stays."""
    connection, tids = journaled
    db.undoMultiple([tids[-1]])
    transaction.commit()
    connection.sync()
    entries = connection.root()["journal"].entries()
    assert [entry["kind"] for entry in entries] == ["created", "receipt"]
    chained, sealed = verified(connection, folder)
    assert chained.valid  # the hash chain alone cannot tell
    assert not sealed.valid
    assert (sealed.reason, sealed.broken_at) == ("truncated", 2)


def rewritten(journaled, folder, rewrite):
    """The last page's entries replaced by ``rewrite(entries)``, committed, then verified."""
    connection, _ = journaled
    page = connection.root()["journal"].pages[-1]
    page.entries = rewrite(page.entries)
    transaction.commit()
    return verified(connection, folder)


def test_a_cut_chain_is_detected(journaled, folder):
    chained, sealed = rewritten(journaled, folder, lambda entries: entries[:1])
    assert chained.valid
    assert (sealed.valid, sealed.reason, sealed.broken_at) == (False, "truncated", 1)


def test_a_chain_recomputed_without_the_key_is_detected(journaled, folder):
    """An altered entry, then the whole chain hashed again with the public algorithm."""

    def recomputed(entries):
        altered = [dict(entry) for entry in entries]
        altered[1]["data"] = {"recipient": "quelqu-un-d-autre@ville"}
        return chain.relink(altered, 0, chain.GENESIS)

    chained, sealed = rewritten(journaled, folder, recomputed)
    assert chained.valid
    assert (sealed.valid, sealed.reason, sealed.broken_at) == (False, "resealed", 1)


def test_a_forged_seal_is_detected(journaled, folder):
    """Rewriting the seal log to match a recomputed chain needs the key: a made-up seal does not verify."""
    connection, _ = journaled
    path = seal.log_path(folder, JOURNAL_ID)
    lines = path.read_text().splitlines()
    forged = json.loads(lines[-1])
    forged["hash"] = "0" * 64
    path.write_text("\n".join([*lines[:-1], json.dumps(forged)]) + "\n")
    chained, sealed = verified(connection, folder)
    assert (sealed.valid, sealed.reason, sealed.broken_at) == (False, "forged", 2)


def test_simultaneous_appends_seal_the_resolved_head(db, folder):
    """Two transactions append at once; the page's conflict resolution rechains the second: its seal follows."""
    setup = db.open()
    setup.root()["journal"] = Journal()
    append(setup, folder, "created")
    first_manager, second_manager = (
        transaction.TransactionManager(),
        transaction.TransactionManager(),
    )
    first, second = db.open(first_manager), db.open(second_manager)
    for connection, manager, who in ((first, first_manager, "a"), (second, second_manager, "b")):
        manager.begin()
        journal = connection.root()["journal"]
        journal.append("2026-11-28T12:00:00+00:00", who, "receipt", {})
        seal_after_commit(folder, JOURNAL_ID, journal)
    first_manager.commit()
    second_manager.commit()  # resolved by the page: b's entry chained after a's
    setup.sync()
    chained, sealed = verified(setup, folder)
    assert [entry["actor"] for entry in setup.root()["journal"].entries()] == [
        "elu@ville",
        "a",
        "b",
    ]
    assert chained.valid and sealed.valid and sealed.unsealed == 0
    for connection in (setup, first, second):
        connection.close()
