"""A sending job runs once, even when two workers take it at the same moment (two worker processes by mistake).

Each batch moves the job's position in its own transaction: of two workers that
did the same batch, the second one's commit conflicts on the job and is dropped,
and it goes on from the position the first one committed.
"""

from clients import rest
from collective.convocation.operations import jobs
from collective.convocation.operations import worker
from contextlib import nullcontext
from world import userid

import pytest
import threading
import transaction


@pytest.fixture
def held(monkeypatch, functional):
    """No worker of the test's process takes the job: the test's two do."""
    monkeypatch.setattr(worker, "wake", lambda db, site_path: None)
    worker.stop_all()
    # Two processes do not share the lock that makes one process's writers take turns.
    monkeypatch.setattr(worker, "background_writes", nullcontext())
    monkeypatch.setattr(jobs, "BATCH_SIZE", 1)
    return functional["portal"]


def run_until_done(db, path, barrier, batches):
    connection = db.open()
    try:
        barrier.wait()
        one = worker.Worker(db, path)
        while (wait := one.turn(connection)) is not None:
            batches.append(wait)
    finally:
        transaction.abort()
        connection.close()


def test_two_workers_on_one_job_convoke_and_mail_each_recipient_once(held, world_of):
    draft = world_of.seances["draft"]
    response = rest("POST", "agent", draft.absolute_url() + "/@workflow/notify")
    assert response.status_code == 200, response.text

    db, path = held._p_jar.db(), held.getPhysicalPath()
    barrier = threading.Barrier(2)
    batches = []
    workers = [
        threading.Thread(target=run_until_done, args=(db, path, barrier, batches))
        for _number in range(2)
    ]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(120)

    transaction.begin()
    assert not jobs.pending_jobs(held)
    convoked = sorted(c.recipient for c in draft.objectValues() if c.portal_type == "Convocation")
    assert convoked == sorted(userid(p) for p in ("official", "official2", "invitee"))
    journal = rest("GET", "agent", draft.absolute_url() + "/@journal").json()["items"]
    queued = [entry["data"]["recipient"] for entry in journal if entry["kind"] == "mail-queued"]
    assert sorted(queued) == convoked  # one mail each, though both workers ran
    assert [entry["kind"] for entry in journal].count("sending-done") == 1
    tracking = rest("GET", "agent", draft.absolute_url() + "/@tracking").json()["sending"]
    assert (tracking["state"], tracking["done"], tracking["total"]) == ("done", 3, 3)
