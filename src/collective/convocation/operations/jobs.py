"""Mail sendings as jobs kept in the ZODB: recorded by the request, done after it in batches.

A sending to five hundred recipients (creating their convocations, composing
and queueing their mails) takes far longer than a request may. The request
records a ``Job`` (what to do, to whom) and returns; the worker (worker.py)
does it in batches of BATCH_SIZE targets, each batch in a transaction of its
own that writes the job's position with the batch's convocations and queued
mails. A batch committed is done; a batch interrupted (Zope stopped, a
conflict) leaves nothing and is done again: nobody gets two mails.

Jobs are kept in the database, not in a process: with several Zope
instances on one database, whichever worker commits a batch first wins, and
the other's commit conflicts and is dropped.

Each kind of job names its step, called once per target in the worker's
transaction; the step raises to say it failed for that target: the failure is
shown on the séance and the target tried again later, up to MAX_ATTEMPTS.
"""

from BTrees.OOBTree import OOBTree
from collective.convocation.content.seance import ISeance
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.uuid.utils import uuidToObject
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.dottedname.resolve import resolve

import logging
import threading
import time
import transaction
import uuid


logger = logging.getLogger(__name__)

PENDING_KEY = "collective.convocation.jobs"  # on the portal: the jobs not finished yet
SEANCE_KEY = "collective.convocation.jobs"  # on a séance: its jobs, oldest first
BATCH_SIZE = 25
MAX_ATTEMPTS = 5
RETRY_DELAYS = (10, 60, 300, 900)  # seconds before each new attempt of a failed target

# What each kind does for one target, and once all are done (dotted names: the
# modules that define them import this one).
STEPS = {
    "notify": "collective.convocation.operations.sending.convoke",
    "renotify": "collective.convocation.operations.sending.renotify_one",
    "cancel": "collective.convocation.operations.sending.announce_cancellation_to",
    "reminder": "collective.convocation.operations.reminders.remind_one",
}
# Kinds whose targets the worker lists itself, first: the request that records them stays short
# whatever their number (the officials of a council, read from their mandates).
PREPARE = {
    "notify": "collective.convocation.operations.sending.notify_targets",
}
FINISH = {
    "notify": "collective.convocation.operations.sending.finish_sending",
}

# Set by the test layers for the tests' own thread, where nothing commits: a job is done at
# once, in the current transaction, by the same steps. Requests served to a test run the worker.
_thread = threading.local()


def set_inline(value):
    _thread.inline = value


def inline():
    return getattr(_thread, "inline", False)


class GiveUp(Exception):
    """A step's failure that no new attempt would mend: shown at once as final."""


class Job(Persistent):
    """One sending: ``kind``, to ``targets`` (plain values), about the object ``context_uid``."""

    def __init__(self, kind, context_uid, targets, params=None, actor=None, portal_url=""):
        now = datetime.now(UTC)
        # Ordered by creation: the worker takes the oldest first.
        self.id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        self.kind = kind
        self.context_uid = context_uid
        self.targets = None if targets is None else tuple(targets)  # None: PREPARE lists them
        self.params = dict(params or {})
        self.actor = actor
        self.portal_url = portal_url  # the links of its mails: the site as the request saw it
        self.created = now
        self.position = 0  # targets before it were tried once
        self.done = 0
        self.failures = PersistentMapping()  # position -> {"error", "attempts", "retry_at"}
        self.finished = None

    @property
    def total(self):
        """How many targets; None until the worker listed them."""
        return None if self.targets is None else len(self.targets)

    def due(self, now):
        """Work to do now: targets to list, targets not tried yet, or retries due."""
        return self.targets is None or self.position < self.total or bool(self.retries_due(now))

    def retries_due(self, now):
        return [
            position
            for position, failure in sorted(self.failures.items())
            if failure["retry_at"] is not None and failure["retry_at"] <= now
        ]

    def next_retry(self):
        pending = [f["retry_at"] for f in self.failures.values() if f["retry_at"] is not None]
        return min(pending, default=None)

    def given_up(self):
        return {p: f for p, f in self.failures.items() if f["retry_at"] is None}

    @property
    def running(self):
        return self.finished is None

    def progress(self):
        """What the pages and @tracking show: plain values."""
        return {
            "id": self.id,
            "kind": self.kind,
            "state": "running" if self.running else "done",
            "done": self.done,
            "total": self.total,
            "created": self.created.isoformat(),
            "finished": self.finished.isoformat() if self.finished else None,
            "errors": [
                {
                    "target": self.target_name(position),
                    "error": failure["error"],
                    "attempts": failure["attempts"],
                    "retry_at": failure["retry_at"].isoformat() if failure["retry_at"] else None,
                }
                for position, failure in sorted(self.failures.items())
            ],
        }

    def target_name(self, position):
        target = self.targets[position]
        return target[0] if isinstance(target, tuple) else target


def pending_jobs(portal, create=False):
    annotations = IAnnotations(portal)
    if PENDING_KEY not in annotations and create:
        annotations[PENDING_KEY] = OOBTree()
    return annotations.get(PENDING_KEY)


def jobs_of(seance):
    """The séance's jobs, oldest first."""
    return list(IAnnotations(seance).get(SEANCE_KEY, ()))


def latest(seance, kinds=None):
    """The séance's last job (of one of ``kinds``), or None."""
    for job in reversed(jobs_of(seance)):
        if kinds is None or job.kind in kinds:
            return job
    return None


def start(kind, context, targets, **params):
    """Record a job of ``kind`` about ``context`` for ``targets``; it runs once the request commits.

    ``targets`` None: the kind's PREPARE function lists them, in the worker. Returns the job;
    with no target, nothing is recorded and None returned.
    """
    if targets is not None and not targets:
        return None
    portal = api.portal.get()
    user = None if api.user.is_anonymous() else api.user.get_current().getId()
    job = Job(kind, api.content.get_uuid(context), targets, params, user, portal.absolute_url())
    if ISeance.providedBy(context):
        seance = context
        annotations = IAnnotations(seance)
        if SEANCE_KEY not in annotations:
            annotations[SEANCE_KEY] = PersistentList()
        annotations[SEANCE_KEY].append(job)
    if inline():
        run_inline(job, portal)
        return job
    pending_jobs(portal, create=True)[job.id] = job
    from collective.convocation.operations import worker  # imports this module

    worker.wake_after_commit(portal)
    return job


def _step(job, context, position, now):
    target = job.targets[position]
    savepoint = transaction.savepoint()
    try:
        resolve(STEPS[job.kind])(context, target, job.params)
    except ConflictError:
        raise
    except Exception as error:
        savepoint.rollback()
        failure = job.failures.get(position) or {"attempts": 0}
        attempts = failure["attempts"] + 1
        delay = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
        job.failures[position] = {
            "error": str(error) or type(error).__name__,
            "attempts": attempts,
            "retry_at": (
                now + timedelta(seconds=delay)
                if attempts < MAX_ATTEMPTS and not isinstance(error, GiveUp)
                else None
            ),
        }
        logger.warning(
            "Job %s (%s): target %s failed (attempt %s)", job.id, job.kind, target, attempts
        )
        return False
    job.failures.pop(position, None)
    job.done += 1
    return True


def run_batch(job, portal, now=None, size=None):
    """Do the next batch of ``job``, in the current transaction; True when the job has no more to do now."""
    now = now or datetime.now(UTC)
    context = uuidToObject(job.context_uid, unrestricted=True)
    if context is None:  # its object was deleted: nothing left to send about
        _finish(job, portal, None, now)
        return True
    size = size or BATCH_SIZE
    if job.targets is None:
        job.targets = tuple(resolve(PREPARE[job.kind])(context, job.params))
    if job.position < job.total:
        batch = range(job.position, min(job.position + size, job.total))
        for position in batch:
            _step(job, context, position, now)
        job.position = batch.stop
    else:
        for position in job.retries_due(now)[:size]:
            _step(job, context, position, now)
    if job.position >= job.total and job.next_retry() is None:
        _finish(job, portal, context, now)
        return True
    return False


def _finish(job, portal, context, now):
    job.finished = now
    if context is not None and job.kind in FINISH:
        resolve(FINISH[job.kind])(context, job)
    pending = pending_jobs(portal)
    if pending is not None and job.id in pending:
        del pending[job.id]


def run_inline(job, portal):
    """Do the whole job in the current transaction; what fails is shown, not tried again."""
    while not run_batch(job, portal):
        if job.position >= job.total:  # only retries left, which nobody waits for here
            for position, failure in list(job.failures.items()):
                job.failures[position] = {**failure, "retry_at": None}
            _finish(
                job, portal, uuidToObject(job.context_uid, unrestricted=True), datetime.now(UTC)
            )
            return
