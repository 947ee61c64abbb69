"""A sending interrupted mid-way, then resumed: each recipient gets exactly one mail, counted by the SMTP server."""

from background import one_batch
from background import settled
from collections import Counter
from collective.convocation.operations import jobs
from collective.convocation.operations import sending
from collective.convocation.operations import worker
from world import PASSWORD

import pytest
import requests
import time
import transaction


# The worker's thread dies as a stopped process would: pytest would report its SystemExit.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_sending_stopped_in_the_middle_resumes_and_nobody_gets_two_mails(
    site, inbox, monkeypatch
):
    inbox.controller.start()
    portal = site["portal"]
    wake = worker.wake
    monkeypatch.setattr(worker, "wake", lambda db, site_path: None)  # batches run one by one below
    monkeypatch.setattr(jobs, "BATCH_SIZE", 1)
    queued = []
    real_mail = sending.mail

    def zope_stops_after_the_second_mail_is_queued(convocation, kind, *args):
        done = real_mail(convocation, kind, *args)
        queued.append(convocation.recipient)
        if len(queued) == 2:
            raise SystemExit("Zope stopped")  # before the batch commits: as a process killed
        return done

    monkeypatch.setattr(sending, "mail", zope_stops_after_the_second_mail_is_queued)
    response = requests.post(
        site["seance_url"] + "/@workflow/notify",
        auth=("agent@ville", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text

    one_batch(portal)  # Hélène convoked, her mail queued, committed
    assert inbox.wait_for(1) == 1
    one_batch(portal)  # Joël's mail queued, then Zope stops: the batch never commits
    time.sleep(2)
    assert len(inbox.envelopes) == 1
    seance = portal["ville"]["conseil"]["seance"]
    assert sorted(c.recipient for c in seance.objectValues()) == ["helene@ville"]

    monkeypatch.setattr(sending, "mail", real_mail)
    monkeypatch.setattr(worker, "wake", wake)
    worker.look(portal._p_jar.db(), starting=True)  # Zope starts again
    settled(portal)
    assert inbox.wait_for(2) == 2
    time.sleep(4)  # one more turn of the queue: nothing comes twice
    received = Counter(envelope.rcpt_tos[0] for envelope in inbox.envelopes)
    # Zoé's box refuses every mail: she is tried, never accepted.
    assert received == {"helene@example.org": 1, "joel@example.org": 1}
    transaction.begin()
    assert sorted(c.recipient for c in seance.objectValues()) == [
        "helene@ville",
        "joel@ville",
        "zoe@ville",
    ]
