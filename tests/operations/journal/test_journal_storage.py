"""The evidence journal without Plone: the hash chain, and appends from concurrent transactions."""

from collective.convocation.core import chain
from collective.convocation.operations.journal import Journal
from collective.convocation.operations.journal import PAGE_SIZE
from ZODB.FileStorage import FileStorage
from ZODB.POSException import ConflictError

import copy
import pytest
import transaction
import ZODB


def filled(count):
    journal = Journal()
    for number in range(count):
        journal.append(
            f"2026-12-01T10:{number % 60:02d}:00+00:00", "agent", "receipt", {"n": number}
        )
    return journal


def test_a_chain_verifies_and_reports_the_first_altered_entry():
    entries = filled(5).entries()
    assert chain.verify(entries) == chain.Verification(True, 5)
    altered = copy.deepcopy(entries)
    altered[2]["data"]["n"] = 99
    assert chain.verify(altered) == chain.Verification(False, 2, 2, "altered")
    # Rewriting the hash too breaks the link of the next entry
    altered[2]["hash"] = chain.digest(altered[2])
    assert chain.verify(altered) == chain.Verification(False, 3, 3, "unlinked")
    removed = copy.deepcopy(entries)
    del removed[1]
    assert chain.verify(removed) == chain.Verification(False, 1, 1, "misplaced")


def test_pages_chain_into_each_other():
    journal = filled(PAGE_SIZE * 2 + 3)
    assert len(journal.pages) == 3
    assert journal.pages[0].sealed and not journal.pages[2].sealed
    assert journal.verify().valid
    assert [entry["seq"] for entry in journal.entries()] == list(range(PAGE_SIZE * 2 + 3))


@pytest.fixture
def database(tmp_path):
    db = ZODB.DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        connection.root()["journal"] = filled(3)
    yield db
    db.close()


def open_in_own_transaction(db):
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    return manager, connection.root()["journal"]


def test_concurrent_appends_are_merged_and_chained(database):
    first, journal_a = open_in_own_transaction(database)
    second, journal_b = open_in_own_transaction(database)
    journal_a.append("2026-12-01T11:00:00+00:00", "odile", "receipt", {})
    journal_b.append("2026-12-01T11:00:00+00:00", "oscar", "receipt", {})
    journal_b.append("2026-12-01T11:00:01+00:00", "oscar", "answer", {"attendance": "present"})
    first.commit()
    second.commit()  # no ConflictError: the page resolves it
    with database.transaction() as connection:
        journal = connection.root()["journal"]
        assert [entry["actor"] for entry in journal.entries()][3:] == ["odile", "oscar", "oscar"]
        assert journal.verify() == chain.Verification(True, 6)


def test_appending_to_a_page_being_sealed_is_a_conflict_zope_retries(database):
    with database.transaction() as connection:
        journal = connection.root()["journal"]
        for number in range(PAGE_SIZE - 3):
            journal.append("2026-12-01T11:00:00+00:00", "agent", "mail-queued", {"n": number})
    first, journal_a = open_in_own_transaction(database)
    second, journal_b = open_in_own_transaction(database)
    journal_a.append("2026-12-01T12:00:00+00:00", "odile", "receipt", {})  # starts page 2
    journal_b.append("2026-12-01T12:00:00+00:00", "oscar", "receipt", {})  # starts page 2 too
    first.commit()
    with pytest.raises(ConflictError):
        second.commit()
    second.abort()
    _, journal = open_in_own_transaction(database)
    assert journal.verify() == chain.Verification(True, PAGE_SIZE + 1)
