"""A sending's outcomes: every one stored on its convocation, by a thread of their own, while the mails leave.

The queue's thread never waits on the ZODB: it hands each outcome to the
storing thread (outcome_store.py), which writes them many in a transaction.
"""

from collective.convocation.content.convocation import create_convocation
from collective.convocation.core.mail.message import build_message
from collective.convocation.operations import journal
from collective.convocation.operations import outcome_store
from collective.convocation.operations.mail_queue import OUTCOMES
from collective.convocation.operations.mail_queue import queue_message
from collective.convocation.operations.mail_queue import store_outcome
from collective.convocation.operations.smtp_session import MAILS_PER_CONNECTION
from functools import partial
from pathlib import Path
from plone import api

import json
import math
import time
import transaction


MAILS = 50


def queued_convocations(portal, count):
    """``count`` convocations of the séance, their mails queued as a sending queues them."""
    seance = portal["ville"]["conseil"]["seance"]
    mailhost = portal.MailHost
    store = partial(store_outcome, portal._p_jar.db(), portal.getPhysicalPath())
    with api.env.adopt_roles(["Manager"]):
        for number in range(count):
            convocation = create_convocation(seance, f"elu{number:02d}@ville")
            convocation.delivery = "queued"
            message = build_message(
                ("Mairie de Ville-sur-Test", "mairie@example.org"),
                (f"Élu {number}", f"elu{number:02d}@example.org"),
                "Convocation : Conseil municipal",
                "Vous êtes convoqué(e).",
            )
            queue_message(mailhost, message, convocation.UID(), store)
    transaction.commit()
    return seance, Path(mailhost.smtp_queue_directory)


def stored(seance):
    transaction.begin()
    return {
        convocation.recipient: convocation.delivery
        for convocation in seance.objectValues()
        if convocation.portal_type == "Convocation"
    }


def test_the_outcomes_of_50_mails_are_all_stored_on_their_convocations(site, inbox):
    inbox.controller.start()
    seance, queue = queued_convocations(site["portal"], MAILS)
    assert inbox.wait_for(MAILS) == MAILS
    deadline = time.monotonic() + 30
    while set(stored(seance).values()) != {"sent"} and time.monotonic() < deadline:
        time.sleep(0.2)
    assert stored(seance) == {f"elu{number:02d}@ville": "sent" for number in range(MAILS)}
    # The catalog has them too: the agent's tracking reads it.
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Convocation", path="/".join(seance.getPhysicalPath())
    )
    assert {brain.getObject().delivery for brain in brains} == {"sent"}
    assert {brain.convocation_tracking["delivery"] for brain in brains} == {"sent"}
    # The journal holds each one, its chain sealed and whole.
    sent = [entry for entry in journal.entries(seance) if entry["kind"] == "mail-sent"]
    assert sorted(entry["data"]["recipient"] for entry in sent) == sorted(stored(seance))
    assert outcome_store.flush(10)  # the last batch's seal is written after its commit
    transaction.begin()
    assert journal.verification(seance)["valid"] is True
    # The log of the queue had every one at once.
    logged = [json.loads(line) for line in (queue / OUTCOMES).read_text().splitlines()]
    assert [entry["status"] for entry in logged] == ["sent"] * MAILS
    # One SMTP connection carried up to MAILS_PER_CONNECTION mails, not one each (one more
    # when a pass of the queue began while the commit was moving the 50 files into it).
    assert inbox.greetings <= math.ceil(MAILS / MAILS_PER_CONNECTION) + 1


def test_an_outcome_that_cannot_be_stored_loses_none_of_the_others():
    written, tried = [], []

    def write(batch):
        tried.append(list(batch))
        if any(outcome == "broken" for outcome in batch):
            raise ValueError("a convocation that cannot take it")
        written.extend(batch)
        return True

    writer = outcome_store.OutcomeWriter(write)
    for outcome in ["a", "b", "broken", "c"]:
        writer.put(outcome)
    writer.start()  # all four wait: they are written together, then one by one
    assert writer.flush(10)
    assert tried[0] == ["a", "b", "broken", "c"]
    assert written == ["a", "b", "c"]


def test_outcomes_that_conflict_are_written_again():
    attempts = []

    def write(batch):
        attempts.append(list(batch))
        return len(attempts) > 1  # store_outcomes says False after five conflicts

    writer = outcome_store.OutcomeWriter(write)
    writer.put("a")
    writer.put("b")
    writer.start()
    assert writer.flush(10)
    assert attempts == [["a", "b"], ["a"], ["b"]]


def test_an_idle_writer_ends_and_the_next_outcome_starts_another(monkeypatch):
    monkeypatch.setattr(outcome_store, "IDLE", 0.05)
    written = []

    def write(batch):
        written.extend(batch)
        return True

    outcome_store.hand_over("key", write, "a")
    first = outcome_store._writers["key"]
    first.join(5)  # idle, it ends
    assert not first.is_alive() and "key" not in outcome_store._writers
    outcome_store.hand_over("key", write, "b")
    assert outcome_store.flush(5)
    assert written == ["a", "b"]


def test_outcomes_that_come_within_a_moment_share_a_transaction():
    batches = []

    def write(batch):
        batches.append(list(batch))
        return True

    writer = outcome_store.OutcomeWriter(write)
    writer.start()  # waiting already: the first outcome waits LINGER for others
    for outcome in ["a", "b", "c"]:
        writer.put(outcome)
    assert writer.flush(10)
    assert batches == [["a", "b", "c"]]
