"""Waiting for the background worker: a sending's work is done after the request that recorded it."""

from collective.convocation.operations import worker
from collective.convocation.operations.jobs import pending_jobs

import threading
import time
import transaction


def settled(portal, timeout=60):
    """Once the site has no job left to do; then the test's connection sees what the worker wrote."""
    deadline = time.monotonic() + timeout
    while True:
        transaction.begin()
        if not pending_jobs(portal):
            return
        assert time.monotonic() < deadline, f"jobs still pending: {list(pending_jobs(portal))}"
        time.sleep(0.05)


def one_batch(portal):
    """What a worker does in one turn, in a thread of its own: a batch of the oldest job, committed."""
    db = portal._p_jar.db()
    path = portal.getPhysicalPath()

    def turn():
        connection = db.open()
        try:
            worker.Worker(db, path).turn(connection)
        finally:
            transaction.abort()
            connection.close()

    thread = threading.Thread(target=turn)
    thread.start()
    thread.join(60)
    transaction.begin()  # the test's connection sees the batch
