"""Delivery of the convocation mails through Products.MailHost's queue, with each outcome kept.

The mails are written to the MailHost's queue (a maildir) when the transaction
commits, with zope.sendmail's QueuedMailDelivery: nothing leaves if the
sending aborts. A processor thread sends them with the MailHost's SMTP
settings. It differs from zope.sendmail's own in two ways:

- each outcome of a convocation's mail (sent, failed and why, retrying) is
  appended to ``deliveries.jsonl`` in the queue and handed to ``on_outcome``,
  which writes it on the convocation (mail_outcomes.py);
- after a failure to reach the server, the queue is tried again three seconds
  later, where zope.sendmail leaves the message locked for three hours; and
  the queue is looked at every half second, not every three.
"""

from App.config import getConfiguration
from datetime import datetime
from datetime import UTC
from email.parser import BytesHeaderParser
from email.policy import SMTP
from pathlib import Path
from Products.MailHost.MailHost import queue_threads
from zope.sendmail.delivery import QueuedMailDelivery
from zope.sendmail.maildir import Maildir
from zope.sendmail.queue import QueueProcessorThread

import json
import logging
import os
import smtplib
import threading
import time


HEADER = "X-Convocation-Id"
OUTCOMES = "deliveries.jsonl"
SENT, FAILED, RETRYING = "sent", "failed", "retrying"
PICKUP_INTERVAL = (
    0.5  # seconds between looks at the queue: mails leave soon after the sending commits
)
RETRY_DELAY = 3.0  # seconds before trying an unreachable server again

logger = logging.getLogger(__name__)
_processors_lock = threading.Lock()
_outcomes_lock = threading.Lock()


def default_queue_path() -> Path:
    return Path(getConfiguration().clienthome) / "mailqueue"


def queue_path(mailhost) -> Path:
    return Path(mailhost.smtp_queue_directory)


def convocation_id(message: bytes) -> str | None:
    return BytesHeaderParser().parsebytes(message).get(HEADER)


def record(path: Path, uid: str | None, status: str, reason: str = ""):
    """Log the outcome of a convocation's mail; the entry logged, or None for another mail."""
    if uid is None:
        return None
    entry = {
        "convocation": uid,
        "status": status,
        "reason": reason,
        "at": datetime.now(UTC).isoformat(),
    }
    with _outcomes_lock, open(path / OUTCOMES, "a", encoding="utf-8") as outcomes:
        outcomes.write(json.dumps(entry) + "\n")
    return entry


class RecordingMailer:
    """The MailHost's SMTP mailer, writing down what became of each convocation's mail."""

    on_outcome = None  # called with (uid, status, reason, at) for each convocation's mail

    def __init__(self, mailer, path: Path):
        self.mailer = mailer
        self.path = path

    def record(self, uid, status, reason=""):
        entry = record(self.path, uid, status, reason)
        if entry is not None and self.on_outcome is not None:
            try:
                self.on_outcome(uid, status, reason, entry["at"])
            except Exception:  # the mail is gone either way: the log keeps its outcome
                logger.exception("The outcome of the mail of %s could not be stored", uid)

    def send(self, fromaddr, toaddrs, message):
        uid = convocation_id(message)
        try:
            self.mailer.send(fromaddr, toaddrs, message)
        except smtplib.SMTPRecipientsRefused as refused:
            self.record(
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
            self.record(
                uid,
                status,
                f"{error.smtp_code} {error.smtp_error.decode(errors='replace')}",
            )
            raise
        except Exception as error:  # the server is down or unreachable: zope.sendmail retries
            self.record(uid, RETRYING, str(error))
            raise
        self.record(uid, SENT)


class QueueProcessor(QueueProcessorThread):
    """Looks at the queue every half second; after a failure to reach the server, waits RETRY_DELAY."""

    def __init__(self):
        super().__init__(interval=PICKUP_INTERVAL)
        self._server_down_until = 0.0

    def _process_one_file(self, filename):
        if time.monotonic() < self._server_down_until:
            return  # the server was just unreachable: the rest of the queue waits with this message
        head, tail = os.path.split(filename)
        lock = os.path.join(head, ".sending-" + tail)
        locked_by_another = os.path.exists(lock)
        super()._process_one_file(filename)
        if not locked_by_another and os.path.exists(filename) and os.path.exists(lock):
            os.unlink(lock)  # our own attempt failed: try again soon, not in three hours
            self._server_down_until = time.monotonic() + RETRY_DELAY


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


def stop_processor(path: Path):
    with _processors_lock:
        processor = queue_threads.pop(os.path.realpath(path), None)
    if processor is not None:
        _stop(processor)


def queue_message(mailhost, message, uid: str | None = None, on_outcome=None):
    """Queue ``message`` (for the convocation ``uid``): written at commit, sent by the processor.

    ``on_outcome(uid, status, reason, at)`` is called by the processor's thread.
    """
    path = queue_path(mailhost)
    for folder in ("cur", "new", "tmp"):
        (path / folder).mkdir(parents=True, exist_ok=True)
    del message[HEADER]
    if uid:
        message[HEADER] = uid
    sender = message["From"].addresses[0].addr_spec
    recipients = [address.addr_spec for address in message["To"].addresses]
    # CRLF line ends: smtplib sends bytes as they are, and SMTP servers read lines by CRLF.
    QueuedMailDelivery(str(path)).send(sender, recipients, message.as_bytes(policy=SMTP))
    ensure_processor(mailhost, path, on_outcome)
