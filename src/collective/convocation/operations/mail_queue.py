"""The mail queue: convocation mails delivered through Products.MailHost's queue, and what became of each.

The mails are written to the MailHost's queue (a maildir) when the transaction
commits, with zope.sendmail's QueuedMailDelivery: nothing leaves if the
sending aborts. A processor thread sends them with the MailHost's SMTP
settings. It differs from zope.sendmail's own in these ways:

- each outcome of a convocation's mail (sent, failed and why, retrying) is
  appended to ``deliveries.jsonl`` in the queue and handed to ``on_outcome``
  (store_outcome), which gives it to a storing thread (outcome_store.py): it
  writes the outcomes on their convocations, many in a transaction of its
  own, so that no page or GET of an agent ever writes one, and no mail waits
  on the ZODB;
- after a failure to reach the server, the queue is tried again three seconds
  later, where zope.sendmail leaves the message locked for three hours;
- it looks at the queue as soon as a sending commits, and the mails of one
  pass share an SMTP connection (smtp_session.py), where zope.sendmail
  connects, greets, starts TLS and logs in again for each mail;
- in an instance with CONVOCATION_WORKER=off (a cluster's instances that serve
  the site) it does not run: the mails wait in the shared queue for the worker
  process, and the MailHost starts no thread of its own (SentByTheWorker)."""

from App.config import getConfiguration
from collective.convocation.operations import journal
from collective.convocation.operations import outcome_store
from collective.convocation.operations.process_role import does_background_work
from collective.convocation.operations.smtp_session import SMTPSession
from contextlib import suppress
from datetime import datetime
from datetime import UTC
from email.parser import BytesHeaderParser
from email.policy import SMTP
from email.utils import make_msgid
from functools import partial
from pathlib import Path
from Products.CMFCore.indexing import getQueue
from Products.CMFCore.indexing import processQueue
from Products.MailHost.MailHost import queue_threads
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite
from zope.sendmail.delivery import QueuedMailDelivery
from zope.sendmail.maildir import Maildir
from zope.sendmail.queue import QueueProcessorThread

import atexit
import json
import logging
import os
import re
import smtplib
import threading
import time
import transaction


HEADER = "X-Convocation-Id"
KIND_HEADER = "X-Convocation-Mail"  # the kind of mail: only the convocation's own sets its delivery
OUTCOMES = "deliveries.jsonl"
SENT, FAILED, RETRYING = "sent", "failed", "retrying"
PICKUP_INTERVAL = (
    0.5  # seconds between looks at the queue: mails leave soon after the sending commits
)
# What an outcome changes in the catalog: the delivery, in the tracking's metadata.
TRACKED_INDEXES = ["convocation_recipient"]
UNSEEN_WAIT = 10.0  # seconds an outcome waits for its convocation's transaction to be seen
UNSEEN_DELAY = 0.25
RETRY_DELAY = 3.0  # seconds before trying an unreachable server again
# A message's lock this old is that of a processor that died while sending it (a worker killed):
# the message is sent again, where zope.sendmail waits three hours.
STALE_LOCK = 600.0

logger = logging.getLogger(__name__)
_processors_lock = threading.Lock()
_outcomes_lock = threading.Lock()
# The background writers of one process — a sending's batch (worker.py), the mails' outcomes —
# take turns: run side by side, each made the other's commit conflict and do its work again.
background_writes = threading.Lock()
_prepared = set()  # queue folders known to exist


def default_queue_path() -> Path:
    """Where a new site queues its mails: the folder that CONVOCATION_MAIL_QUEUE names, shared by
    the instances of a cluster, else the instance's own var/mailqueue."""
    configured = os.environ.get("CONVOCATION_MAIL_QUEUE", "").strip()
    return Path(configured) if configured else Path(getConfiguration().clienthome) / "mailqueue"


def queue_path(mailhost) -> Path:
    return Path(mailhost.smtp_queue_directory)


def _head(message: bytes):
    """The headers of ``message``, parsed without its body (an attachment of megabytes)."""
    return BytesHeaderParser().parsebytes(re.split(rb"\r?\n\r?\n", message, maxsplit=1)[0])


# The mails that convoke: their outcome is the convocation's delivery. The others (a reminder,
# a message of the agent's, the cancellation) only go to the journal.
CONVOKING = ("convocation", "invitation")


def log_outcome(
    path: Path, uid: str | None, status: str, reason: str = "", kind: str = "convocation"
):
    """Log the outcome of a convocation's mail; the entry logged, or None for another mail."""
    if uid is None:
        return None
    entry = {
        "convocation": uid,
        "status": status,
        "reason": reason,
        "at": datetime.now(UTC).isoformat(),
        "mail": kind,
    }
    with _outcomes_lock, open(path / OUTCOMES, "a", encoding="utf-8") as outcomes:
        outcomes.write(json.dumps(entry) + "\n")
    return entry


class RecordingMailer:
    """The MailHost's SMTP mailer, writing down what became of each convocation's mail."""

    on_outcome = None  # called with (uid, status, reason, at, kind) for each convocation's mail

    def __init__(self, mailer, path: Path):
        self.mailer = mailer
        self.path = path
        # Messages it tried to send: the processor tells its own attempts from another's.
        self.attempts = 0
        self.session = SMTPSession(mailer)  # one connection for the mails of a pass

    def close(self):
        self.session.close()

    def record(self, uid, status, reason="", kind="convocation"):
        entry = log_outcome(self.path, uid, status, reason, kind)
        if entry is not None and self.on_outcome is not None:
            try:
                self.on_outcome(uid, status, reason, entry["at"], kind)
            except Exception:  # the mail is gone either way: the log keeps its outcome
                logger.exception("The outcome of the mail of %s could not be stored", uid)

    def send(self, fromaddr, toaddrs, message):
        self.attempts += 1
        head = _head(message)
        uid = head.get(HEADER)
        # The kind of a convocation's mail (« convocation », « reminder »…); a convocation when unsaid.
        record = partial(self.record, kind=head.get(KIND_HEADER) or "convocation")
        try:
            self.session.send(fromaddr, toaddrs, message)
        except smtplib.SMTPRecipientsRefused as refused:
            record(
                uid,
                FAILED,
                "; ".join(
                    f"{code} {text.decode(errors='replace')}"
                    for code, text in refused.recipients.values()
                ),
            )
            raise
        except smtplib.SMTPResponseException as error:
            status = FAILED if 500 <= error.smtp_code <= 599 else RETRYING
            record(
                uid,
                status,
                f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}",
            )
            raise
        except Exception as error:  # the server is down or unreachable: zope.sendmail retries
            record(uid, RETRYING, str(error))
            raise
        record(uid, SENT)


class QueueProcessor(QueueProcessorThread):
    """Looks at the queue every half second, and at once when a sending commits; after a failure
    to reach the server, waits RETRY_DELAY."""

    def __init__(self):
        super().__init__(interval=PICKUP_INTERVAL)
        self._server_down_until = 0.0
        self._wake = threading.Event()

    def wake(self):
        self._wake.set()

    def run(self, forever=True):
        # zope.sendmail's loop, but its sleep between two looks is a wait that a commit ends.
        atexit.register(self.stop)
        while not self._stopped:
            self._wake.clear()
            for filename in self.maildir:
                if self._stopped:
                    break
                self._process_one_file(filename)
            self.mailer.close()  # the pass is over: no connection idles until the next one
            if forever and not self._stopped:
                self._wake.wait(self.interval)
            if not forever:
                break

    def stop(self):
        super().stop()
        self._wake.set()

    def _process_one_file(self, filename):
        if time.monotonic() < self._server_down_until:
            return  # the server was just unreachable: the rest of the queue waits with this message
        head, tail = os.path.split(filename)
        lock = os.path.join(head, ".sending-" + tail)
        with suppress(FileNotFoundError):
            if time.time() - os.stat(lock).st_mtime > STALE_LOCK:
                os.unlink(lock)
        attempts = self.mailer.attempts
        super()._process_one_file(filename)
        # Only a lock of our own attempt is ours to remove: another process's (a second
        # processor on a shared queue) means that it is sending this very message now.
        if self.mailer.attempts != attempts and os.path.exists(filename) and os.path.exists(lock):
            os.unlink(lock)  # our own attempt failed: try again soon, not in three hours
            self._server_down_until = time.monotonic() + RETRY_DELAY


def _wake_after_commit(processor):
    """The processor looks at the queue as soon as the transaction writing it commits."""
    current = transaction.get()
    try:
        current.data(processor)
    except KeyError:
        current.set_data(processor, True)
        current.addAfterCommitHook(lambda committed: committed and processor.wake())


def _settings(mailer):
    return (mailer.hostname, mailer.port, mailer.username, mailer.password)


def ensure_processor(mailhost, path: Path, on_outcome=None):
    """The processor of the queue at ``path``, with the mail settings of now.

    It takes the MailHost's own place in its registry of queue threads, so
    that the MailHost starts none beside it: its own mails (password resets)
    go through ours too. Plone's SMTPMailer reads the site's mail settings,
    which a thread without the site cannot do: the mailer is made here, in
    the request, and the processor restarted when the settings changed.
    """
    mailer = mailhost._makeMailer()
    key = os.path.realpath(path)
    with _processors_lock:
        current = queue_threads.get(key)
        if current is not None and current.is_alive():
            if isinstance(current, QueueProcessor) and _settings(
                current.mailer.mailer
            ) == _settings(mailer):
                current.mailer.on_outcome = on_outcome
                return current
            _stop(current)
        processor = QueueProcessor()
        processor.setMaildir(Maildir(str(path), True))
        processor.setMailer(RecordingMailer(mailer, path))
        processor.mailer.on_outcome = on_outcome
        processor.start()
        queue_threads[key] = processor
        return processor


def _stop(processor):
    processor.stop()
    processor.join(10)


class SentByTheWorker:
    """Holds the place of a queue's processor in a process that sends none (process_role.py).

    The MailHost starts a thread of its own for a queue that has none: it
    would send the convocations' mails without recording what became of them.
    """

    def __init__(self):
        self.alive = True

    def is_alive(self):
        return self.alive

    def stop(self):  # the ZMI's « stop the queue thread » must not wait for ever
        self.alive = False

    def join(self, timeout=None):
        pass


def hand_over(path: Path):
    """This process sends nothing of the queue at ``path``: the worker process does."""
    with _processors_lock:
        queue_threads.setdefault(os.path.realpath(path), SentByTheWorker())


def outcome_recorder(site):
    """What the processor of ``site``'s queue calls with each outcome (store_outcome)."""
    return partial(store_outcome, site._p_jar.db(), site.getPhysicalPath())


def waiting(path: Path) -> bool:
    """Does the queue at ``path`` hold a mail not sent yet?"""
    try:
        return any(True for _message in Maildir(str(path)))
    except (ValueError, OSError):  # no queue there yet
        return False


def serve_site_queue(site, only_if_waiting=False):
    """Send the mails of ``site``'s queue from this process, with the site's mail settings of now.

    The worker process calls it at every look, so that a change of the SMTP settings made
    through another instance reaches it; Zope's start, when mails were left in the queue.
    """
    mailhost = getattr(site, "MailHost", None)
    if mailhost is None or not mailhost.smtp_queue:
        return None
    path = queue_path(mailhost)
    if not does_background_work():
        hand_over(path)
        return None
    if only_if_waiting and not waiting(path):
        return None
    return ensure_processor(mailhost, path, outcome_recorder(site))


def stop_processors():
    """Stop every processor of this process after its current mail (the worker process stopping)."""
    with _processors_lock:
        paths = [key for key, thread in queue_threads.items() if isinstance(thread, QueueProcessor)]
    for path in paths:
        stop_processor(path)


def stop_processor(path: Path):
    with _processors_lock:
        processor = queue_threads.pop(os.path.realpath(path), None)
    if processor is not None:
        _stop(processor)
    outcome_store.flush()  # what it learned last is on the convocations


def queue_message(
    mailhost, message, uid: str | None = None, on_outcome=None, kind: str = "convocation"
):
    """Queue ``message`` (a mail of ``kind`` for the convocation ``uid``): written at commit, sent by the processor.

    ``on_outcome(uid, status, reason, at, kind)`` is called by the processor's thread.
    """
    path = queue_path(mailhost)
    if path not in _prepared:
        for folder in ("cur", "new", "tmp"):
            (path / folder).mkdir(parents=True, exist_ok=True)
        _prepared.add(path)
    del message[HEADER]
    del message[KIND_HEADER]
    if uid:
        message[HEADER] = uid
        message[KIND_HEADER] = kind
    if message["Message-ID"] is None:
        message["Message-ID"] = make_msgid()
    sender = message["From"].addresses[0].addr_spec
    recipients = [address.addr_spec for address in message["To"].addresses]
    # CRLF line ends: smtplib sends bytes as they are, and SMTP servers read lines by CRLF.
    data = message.as_bytes(policy=SMTP)
    # QueuedMailDelivery.send, less its parsing the headers again to find the Message-ID:
    # the file is written now, moved into the queue when the transaction commits.
    transaction.get().join(
        QueuedMailDelivery(str(path)).createDataManager(sender, recipients, data)
    )
    if does_background_work():
        _wake_after_commit(ensure_processor(mailhost, path, on_outcome))
    else:
        hand_over(path)  # the worker process sends it


def apply_outcome(convocation, status, reason="", at=None, kind="convocation"):
    """What the mail server answered for this convocation's mail: its delivery, and the journal.

    Only the convoking mail's outcome is the convocation's delivery: a later
    mail (a reminder, a message, the cancellation) goes to the journal and
    to ``last_mail``, and never downgrades a delivered convocation.
    """
    if kind not in CONVOKING:
        _later_mail_outcome(convocation, status, reason, at, kind)
        return
    if convocation.delivery != "queued":
        return  # already settled (or sent again since: that mail has its own outcome)
    if status == SENT:
        convocation.delivery = "sent"
        convocation.delivered_at = datetime.fromisoformat(at) if at else None
        convocation.delivery_error = ""
        journal.record(convocation, "mail-sent", recipient=convocation.recipient, at=at or "")
    elif status == FAILED:
        convocation.delivery = "failed"
        convocation.delivery_error = reason
        journal.record(convocation, "mail-failed", recipient=convocation.recipient, reason=reason)
    elif convocation.delivery_error != reason:
        convocation.delivery_error = reason  # still queued: tried again at the next turn
    else:
        return  # the same answer as the last try: nothing to write
    convocation.reindexObject()


def _later_mail_outcome(convocation, status, reason, at, kind):
    if status == SENT:
        journal.record(
            convocation, "mail-sent", recipient=convocation.recipient, at=at or "", mail=kind
        )
    elif status == FAILED:
        journal.record(
            convocation, "mail-failed", recipient=convocation.recipient, reason=reason, mail=kind
        )
    else:
        return  # tried again at the next turn: its final outcome will come
    convocation.last_mail = {"mail": kind, "status": status, "reason": reason, "at": at or ""}


def store_outcome(db, site_path, uid, status, reason, at, kind="convocation"):
    """Called by the mail queue's thread when the server answered: hands the outcome over, at once.

    The storing thread of this database and site writes it (store_outcomes),
    with the others that came meanwhile: the next mail leaves without waiting.
    """
    site_path = tuple(site_path)
    outcome_store.hand_over(
        (db, site_path), partial(store_outcomes, db, site_path), (uid, status, reason, at, kind)
    )


def store_outcomes(db, site_path, outcomes) -> bool:
    """Write ``outcomes`` (uid, status, reason, at, kind) on their convocations; True once committed.

    A mail leaves once the maildir has it, which its transaction writes before the ZODB's own
    commit is over: the convocation of an outcome may not be visible yet. Such outcomes are
    written again a moment later, until UNSEEN_WAIT has passed (a convocation deleted since).
    """
    deadline = time.monotonic() + UNSEEN_WAIT
    while True:
        unseen = _store_outcomes(db, site_path, outcomes)
        if unseen is None:
            return False
        if not unseen:
            return True
        if time.monotonic() > deadline:
            logger.warning("%d outcomes of mails found no convocation", len(unseen))
            return True
        outcomes = unseen
        time.sleep(UNSEEN_DELAY)


def _store_outcomes(db, site_path, outcomes):
    """Write ``outcomes`` in one transaction, as nobody (the journal names no agent), tried again
    when it conflicts with a request; the outcomes whose convocation it did not see, or None."""
    for _attempt in range(5):
        with background_writes:
            done = _store_outcomes_once(db, site_path, outcomes)
        if done is not None:
            return done
    logger.warning("%d outcomes of mails conflicted five times", len(outcomes))
    return None


def _store_outcomes_once(db, site_path, outcomes):
    """One attempt: the outcomes whose convocation it did not see, or None after a conflict."""
    manager = transaction.TransactionManager()
    connection = db.open(transaction_manager=manager)
    try:
        site = makerequest(connection.root()["Application"]).unrestrictedTraverse(site_path)
        setSite(site)
        uids = sorted({outcome[0] for outcome in outcomes})
        found = {
            brain.UID: brain._unrestrictedGetObject()
            for brain in site.portal_catalog.unrestrictedSearchResults(UID=uids)
        }
        for uid, status, reason, at, kind in outcomes:
            if uid in found:
                apply_outcome(found[uid], status, reason, at, kind)
        # CMFCore's indexing queue joins the thread's default transaction, never committed
        # here: flushed into this connection's catalog now, it leaves nothing for the next turn.
        processQueue()
        # And catalogued here, in this connection, whatever the queue did: a bench of 500 mails
        # once found 17 convocations written « sent » while their records still said « queued ».
        catalog = site.portal_catalog
        for convocation in found.values():
            catalog.catalog_object(convocation, idxs=TRACKED_INDEXES)
        manager.commit()
        return [outcome for outcome in outcomes if outcome[0] not in found]
    except ConflictError:
        return None
    finally:
        manager.abort()  # after a commit, a no-op; after any failure, frees the connection
        getQueue().clear()
        transaction.abort()  # the thread's default transaction, where the queue registered
        setSite(None)
        connection.close()
