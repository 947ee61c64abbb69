"""The worker: a thread per site that does its pending jobs (jobs.py), batch by batch.

Started when a request that recorded a job commits, and when Zope starts with
jobs left pending (a sending interrupted by a stop resumes where its last
committed batch left it), or by the worker process's look (``serve``) in a
cluster. It leaves once no job is left.

Each batch is one transaction of the thread's own, as the job's author (the
journal names the agent who sent), with a request whose URLs are those the
author saw: the links in the mails point where the agent's browser pointed.
``CONVOCATION_WORKER=off`` in the environment keeps an instance from running
jobs and sending the mail queue: the worker process does (process_role.py).
"""

from collective.convocation.operations import jobs
from collective.convocation.operations import mail_queue
from collective.convocation.operations.mail_queue import background_writes
from collective.convocation.operations.process_role import does_background_work
from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from plone.i18n.utility import setLanguageBinding
from Products.CMFCore.indexing import getQueue
from Testing.makerequest import makerequest
from urllib.parse import urlsplit
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import logging
import threading
import transaction


logger = logging.getLogger(__name__)
IDLE_WAIT = 60.0  # seconds at most between two looks while only retries are waiting
CONFLICT_ATTEMPTS = 5
START_DELAY = 0.3  # seconds a new worker leaves to the request that woke it
ERROR_WAIT = 30.0  # seconds before trying again a batch that raised

_lock = threading.Lock()
_workers = {}  # (database, site path) -> Worker


def wake_after_commit(portal):
    """Once the current transaction commits, the site's worker takes the new job."""
    db = portal._p_jar.db()
    path = portal.getPhysicalPath()

    def hook(committed):
        if committed:
            wake(db, path)

    transaction.get().addAfterCommitHook(hook)


def wake(db, site_path):
    """The site's worker, started if none runs, told to look at its jobs."""
    if not does_background_work():
        return None
    with _lock:
        worker = _workers.get((db, site_path))
        if worker is not None and worker.is_alive() and not worker.leaving:
            worker.event.set()
            return worker
        worker = Worker(db, site_path)
        _workers[(db, site_path)] = worker
        worker.start()
        return worker


def stop_all(timeout=30):
    """Stop every worker after its current batch (Zope shutting down, a test ending)."""
    with _lock:
        running = list(_workers.values())
        _workers.clear()
    for worker in running:
        worker.stop(timeout)


def look(db, starting=False):
    """Each site of ``db``: its pending jobs taken, its mail queue sent.

    At Zope's start (``starting``), the sendings that its stop interrupted
    resume, and a queue that still holds mails gets its processor. The worker
    process of a cluster looks every POLL_INTERVAL: the jobs and mails that
    the instances serving the site recorded are its own to do.
    """
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        app = connection.root().get("Application")
        for site in app.objectValues() if app is not None else ():
            if not IPloneSiteRoot.providedBy(site):
                continue
            if jobs.pending_jobs(site):
                wake(db, site.getPhysicalPath())
            setSite(site)  # the MailHost's mailer reads the site's mail settings
            try:
                mail_queue.serve_site_queue(site, only_if_waiting=starting)
            finally:
                setSite(None)
    finally:
        manager.abort()
        connection.close()


def resume_at_start(event):
    look(event.database, starting=True)


POLL_INTERVAL = 1.0  # seconds between two looks of the worker process


def serve(db, stopping: threading.Event, poll=POLL_INTERVAL):
    """The worker process's loop (scripts/worker.py), until ``stopping`` is set: then its jobs
    stop after their current batch and its queues after their current mail."""
    # No request: plone.registry caches its values in the current one, and a request kept for
    # the process's life (zconsole's) kept the mail settings of its start.
    setRequest(None)
    while not stopping.is_set():
        try:
            look(db)
        except Exception:  # the database away for a moment: the next look tries again
            logger.exception("The convocation worker could not look at the sites")
        stopping.wait(poll)
    stop_all()
    mail_queue.stop_processors()


def request_for(app, site_path, portal_url):
    """A request in which the site's URL is ``portal_url`` (the one its job's author saw)."""
    parts = urlsplit(portal_url or "http://localhost")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    environ = {"SERVER_NAME": parts.hostname or "localhost", "SERVER_PORT": str(port)}
    if parts.scheme == "https":
        environ["HTTPS"] = "on"
    app = makerequest(app, environ=environ)
    request = app.REQUEST
    request.setServerURL(
        protocol=parts.scheme or "http", hostname=environ["SERVER_NAME"], port=port
    )
    public_path = [part for part in parts.path.split("/") if part]
    if public_path != [part for part in site_path if part]:  # virtual hosting
        request.setVirtualRoot(public_path)
        request["VirtualRootPhysicalPath"] = site_path  # after: setVirtualRoot sets the root's
    return app


@contextmanager
def as_author(job):
    """As whoever recorded the job, when they still exist; as the site otherwise."""
    user = api.user.get(userid=job.actor) if job.actor else None
    if user is not None:
        with api.env.adopt_user(user=user):
            yield
    else:
        with api.env.adopt_roles(["Manager"]):
            yield


class Worker(threading.Thread):
    def __init__(self, db, site_path):
        super().__init__(name=f"convocation-worker {'/'.join(site_path)}", daemon=True)
        self.db = db
        self.site_path = site_path
        self.event = threading.Event()
        self.stopping = False
        self.leaving = False

    def stop(self, timeout=30):
        self.stopping = True
        self.event.set()
        self.join(timeout)

    def run(self):
        # The request that woke it is still answering the agent: it goes first.
        self.event.wait(START_DELAY)
        self.event.clear()
        connection = self.db.open()
        try:
            while not self.stopping:
                wait = self.turn(connection)
                if wait is None:  # nothing left: leave, unless woken meanwhile
                    with _lock:
                        if not self.event.is_set() or self.stopping:
                            self.leaving = True
                            if _workers.get((self.db, self.site_path)) is self:
                                del _workers[(self.db, self.site_path)]
                            return
                        self.event.clear()
                elif wait > 0:
                    self.event.wait(wait)
                    self.event.clear()
        except Exception:
            logger.exception("The convocation worker of %s stopped", "/".join(self.site_path))
        finally:
            self.leaving = True
            transaction.abort()
            connection.close()

    def turn(self, connection):
        """One batch of the oldest job with work due: None when no job is left, else seconds to wait."""
        for _attempt in range(CONFLICT_ATTEMPTS):
            transaction.begin()
            try:
                with background_writes:
                    return self._batch(connection)
            except ConflictError:
                transaction.abort()
            except Exception:  # a bug or a broken object: logged, tried again later
                logger.exception("A job of %s failed", "/".join(self.site_path))
                transaction.abort()
                return ERROR_WAIT
            finally:
                getQueue().clear()
                setRequest(None)
                setSite(None)
        return 0  # conflicting again and again: try later, from a fresh state

    def _batch(self, connection):
        root = connection.root()["Application"]
        site = root.unrestrictedTraverse(self.site_path)
        pending = jobs.pending_jobs(site)
        if not pending:
            transaction.abort()
            return None
        now = datetime.now(UTC)
        job = next(
            (job for job in pending.values() if job.due(now)),
            None,
        )
        if job is None:  # only retries, later
            retry = min(
                (job.next_retry() for job in pending.values() if job.next_retry()), default=None
            )
            transaction.abort()
            return IDLE_WAIT if retry is None else min(IDLE_WAIT, (retry - now).total_seconds())
        app = request_for(root, self.site_path, job.portal_url)
        setRequest(app.REQUEST)
        site = app.unrestrictedTraverse(self.site_path)
        setSite(site)
        setLanguageBinding(app.REQUEST)  # the site's language, as a request's traversal sets it
        with as_author(job):
            jobs.run_batch(jobs.pending_jobs(site)[job.id], site, now)
        transaction.commit()
        return 0
