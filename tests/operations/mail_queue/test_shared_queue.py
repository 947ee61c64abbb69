"""A mail queue shared by several instances: those that serve the site queue, the worker sends, each mail once.

In a cluster (README « Several instances ») the instances that serve the site
run with CONVOCATION_WORKER=off: they write into the shared queue and send
nothing, and the MailHost starts no thread of its own there (it would send the
convocations' mails without recording what became of them). The worker
process's look sends them; two processors on one queue never send a mail twice.
"""

from collective.convocation.core.mail.message import build_message
from collective.convocation.operations import mails
from collective.convocation.operations import worker
from collective.convocation.operations.mail_queue import queue_message
from collective.convocation.operations.mail_queue import QueueProcessor
from collective.convocation.operations.mail_queue import RecordingMailer
from collective.convocation.operations.mail_queue import SentByTheWorker
from pathlib import Path
from Products.MailHost.MailHost import queue_threads
from zope.sendmail.maildir import Maildir

import os
import time
import transaction


def message(number):
    return build_message(
        sender=("Mairie", "mairie@example.org"),
        recipient=(f"Élu {number}", f"elu{number}@example.org"),
        subject=f"Convocation {number}",
        text="Vous êtes convoqué(e).",
    )


def waiting_files(queue):
    return [name for name in os.listdir(queue / "new") if not name.startswith(".")]


def test_an_instance_that_serves_the_site_queues_and_the_worker_sends(site, inbox, monkeypatch):
    inbox.controller.start()
    portal = site["portal"]
    queue = Path(portal.MailHost.smtp_queue_directory)
    monkeypatch.setenv("CONVOCATION_WORKER", "off")
    mails.queue(message(1))
    # The MailHost's own mails (a password reset) go into the same queue.
    portal.MailHost.send(
        "Subject: Mot de passe\n\nVotre lien.",
        mto="joel@example.org",
        mfrom="mairie@example.org",
        immediate=False,
    )
    transaction.commit()
    assert len(waiting_files(queue)) == 2
    assert isinstance(queue_threads[os.path.realpath(queue)], SentByTheWorker)
    time.sleep(1.5)
    assert inbox.envelopes == []  # nobody in this instance sends them

    monkeypatch.setenv("CONVOCATION_WORKER", "on")  # the worker process
    worker.look(portal._p_jar.db())
    assert inbox.wait_for(2) == 2
    time.sleep(1.5)  # a mail sent twice would arrive now
    assert sorted(envelope.rcpt_tos[0] for envelope in inbox.envelopes) == [
        "elu1@example.org",
        "joel@example.org",
    ]
    assert waiting_files(queue) == []


def test_two_processors_on_one_queue_send_each_mail_once(site, inbox, monkeypatch):
    inbox.controller.start()
    portal = site["portal"]
    queue = Path(portal.MailHost.smtp_queue_directory)
    monkeypatch.setenv("CONVOCATION_WORKER", "off")  # queued only
    for number in range(30):
        queue_message(portal.MailHost, message(number))
    transaction.commit()
    assert len(waiting_files(queue)) == 30
    processors = []
    for _number in range(2):  # as two worker processes started by mistake
        processor = QueueProcessor()
        processor.setMaildir(Maildir(str(queue), True))
        processor.setMailer(RecordingMailer(portal.MailHost._makeMailer(), queue))
        processors.append(processor)
    for processor in processors:
        processor.start()
    try:
        assert inbox.wait_for(30) == 30
        time.sleep(1.5)
    finally:
        for processor in processors:
            processor.stop()
            processor.join(10)
    recipients = sorted(envelope.rcpt_tos[0] for envelope in inbox.envelopes)
    assert recipients == sorted(f"elu{number}@example.org" for number in range(30))
    assert sum(processor.mailer.attempts for processor in processors) == 30


def test_a_mail_whose_processor_died_while_sending_it_is_sent_by_the_next(site, inbox, monkeypatch):
    """A worker killed in the middle of an SMTP exchange leaves its lock: an old one is taken for dead
    (zope.sendmail would wait three hours), a recent one is another processor sending the mail now."""
    inbox.controller.start()
    portal = site["portal"]
    queue = Path(portal.MailHost.smtp_queue_directory)
    monkeypatch.setenv("CONVOCATION_WORKER", "off")
    queue_message(portal.MailHost, message(1))
    transaction.commit()
    queue_message(portal.MailHost, message(2))
    transaction.commit()
    files = waiting_files(queue)
    dead = next(
        name for name in files if b"elu1@example.org" in (queue / "new" / name).read_bytes()
    )
    busy = next(name for name in files if name != dead)
    os.link(queue / "new" / dead, queue / "new" / f".sending-{dead}")
    long_ago = time.time() - 11 * 60
    os.utime(queue / "new" / dead, (long_ago, long_ago))  # the link shares the message's times
    os.link(queue / "new" / busy, queue / "new" / f".sending-{busy}")

    monkeypatch.setenv("CONVOCATION_WORKER", "on")
    worker.look(portal._p_jar.db())
    assert inbox.wait_for(1) == 1
    time.sleep(2)
    assert [envelope.rcpt_tos[0] for envelope in inbox.envelopes] == ["elu1@example.org"]
