"""The outcomes of the queue's mails, written by a thread of their own, many in one transaction.

The mail queue's thread hands each outcome over and sends the next mail at
once: written where it was learned, a transaction per mail (its catalog
reindex, its journal entry and the journal's seal) stood between two SMTP
sends, and a 500-mail sending waited on the ZODB 500 times. The storing
thread takes whatever has piled up while it wrote the last batch, and what
comes within a quarter of a second, and writes it in one transaction.
``deliveries.jsonl`` has every outcome already.

Nothing here knows of Plone: ``write(outcomes)`` stores a list of outcomes
in one transaction (mail_queue.store_outcomes).
"""

import atexit
import logging
import queue
import threading
import time


logger = logging.getLogger(__name__)

BATCH = 100  # outcomes at most in one transaction: short enough not to conflict much
FLUSH_AT_EXIT = 10.0  # seconds a stopping Zope gives the outcomes still waiting
LINGER = 0.25  # seconds an outcome waits for others to share its transaction
IDLE = 60.0  # seconds without an outcome after which a writer's thread ends

_writers = {}
_writers_lock = threading.Lock()


class OutcomeWriter(threading.Thread):
    """Drains the outcomes handed to it and gives them to ``write`` in batches, in their order."""

    def __init__(self, write, key=None):
        super().__init__(name="collective.convocation outcomes", daemon=True)
        self.write = write
        self.key = key
        self.waiting = queue.Queue()

    def put(self, outcome):
        self.waiting.put(outcome)

    def run(self):
        while True:
            try:
                batch = [self.waiting.get(timeout=IDLE)]
            except queue.Empty:
                # Idle: the thread ends (and lets go of its database) unless an outcome just came;
                # hand_over puts under the same lock, so none is left to a thread that ended.
                with _writers_lock:
                    if self.waiting.empty():
                        if _writers.get(self.key) is self:
                            del _writers[self.key]
                        return
                continue
            # What comes within LINGER joins the batch: a transaction for many outcomes, not one
            # each, whose commits would take the processor's turns (the GIL) while it sends.
            deadline = time.monotonic() + LINGER
            while len(batch) < BATCH:
                try:
                    batch.append(self.waiting.get(timeout=max(0.0, deadline - time.monotonic())))
                except queue.Empty:
                    break
            try:
                self._write(batch)
            finally:
                for _outcome in batch:
                    self.waiting.task_done()

    def _write(self, batch):
        try:
            if self.write(batch):
                return
        except Exception:
            logger.exception("%d outcomes could not be stored together", len(batch))
        if len(batch) == 1:
            logger.error("The outcome %r could not be stored", batch[0])
            return
        # One outcome that cannot be stored must not take the others with it.
        for outcome in batch:
            self._write([outcome])

    def flush(self, timeout: float) -> bool:
        """Wait until every outcome handed over is written (or given up); False after ``timeout``."""
        deadline = time.monotonic() + timeout
        while self.waiting.unfinished_tasks:
            if time.monotonic() > deadline or not self.is_alive():
                return False
            time.sleep(0.01)
        return True


def hand_over(key, write, outcome):
    """Give ``outcome`` to the writing thread of ``key`` (a database and a site), started if none runs."""
    with _writers_lock:
        current = _writers.get(key)
        if current is None or not current.is_alive():
            current = _writers[key] = OutcomeWriter(write, key)
            current.start()
        current.put(outcome)


def flush(timeout: float = FLUSH_AT_EXIT) -> bool:
    """Wait until every outcome handed to any writer is written: True when all were."""
    with _writers_lock:
        writers = list(_writers.values())
    deadline = time.monotonic() + timeout
    flushed = True
    for each in writers:  # each one, even after one that timed out
        flushed = each.flush(max(0.0, deadline - time.monotonic())) and flushed
    return flushed


# A Zope that stops writes what its queue's thread learned last (the log has it anyway).
atexit.register(flush)
