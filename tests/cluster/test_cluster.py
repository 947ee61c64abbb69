"""`make start-cluster`: PostgreSQL, two Zope instances and the worker on one database, used over HTTP.

The séance is sent through the first instance, acknowledged and answered through
the second, two proxies given at once to one colleague through both; the
tracking, the journal, the receipt groups and the dossier read through the
other instance see each write at once; a loopback SMTP server counts the mails.
Then a backup, a change after it, and the restore.
"""

from aiosmtpd.controller import Controller
from base64 import b64encode
from collections import Counter
from collective.convocation.setuphandlers.demo import PASSWORD
from collective.convocation.setuphandlers.demo import pdf
from concurrent.futures import ThreadPoolExecutor
from email import message_from_bytes
from email import policy
from io import BytesIO
from pathlib import Path
from pypdf import PdfReader

import hashlib
import os
import pytest
import re
import requests
import signal
import socket
import subprocess
import threading
import time
import uuid


pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "admin-du-cluster")
AGENT = ("camille.besson@saint-demo", PASSWORD)
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
COUNCIL = "saint-demo/conseil-municipal"
SEANCE = f"{COUNCIL}/conseil-municipal-du-15-decembre-2026"
HOLDER = "joel.lefevre@saint-demo"
GIVERS = ("amelie.roussel@saint-demo", "francois.giraud@saint-demo")
FULL = "Joël Lefèvre porte déjà un pouvoir : un élu n'en porte qu'un."
ANNEX = "Annexe déposée par la première instance"


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping each mail it accepts."""

    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):
        self.mails.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"

    def convocations(self):
        return Counter(
            str(mail["To"].addresses[0].addr_spec)
            for mail in self.mails
            if mail["X-Convocation-Mail"] == "convocation"
        )

    def confirmations(self, mailed):
        """The other mails to the officials (the agents are told of a proxy, too)."""
        addresses = {email_of(userid) for userid in mailed}
        return [
            mail
            for mail in self.mails
            if mail["X-Convocation-Mail"] != "convocation"
            and mail["To"].addresses[0].addr_spec in addresses
        ]


class Cluster:
    """`make start-cluster` in the background, on a database and ports of its own."""

    def __init__(self, folder, log):
        self.folder, self.log = folder, log
        self.ports = [unused_port(), unused_port()]
        name = f"convocation_test_{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "CLUSTER": str(folder),
            "PORTS": " ".join(map(str, self.ports)),
            "CLUSTER_DB": name,
            "CLUSTER_DB_USER": name,
            "ADMIN_PASSWORD": ADMIN[1],
        }
        self.database = name

    def url(self, number, path=""):
        return f"http://localhost:{self.ports[number - 1]}/Plone/{path}".rstrip("/")

    def make(self, *targets, check=True):
        return subprocess.run(
            ["make", *targets], cwd=ROOT, env=self.env, capture_output=True, text=True, check=check
        )

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                ["make", "start-cluster"],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=self.env,
            )
        for number in (1, 2):
            self.wait_serving(number)
        self.wait_for_worker()

    def wait_serving(self, number, seconds=600):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, Path(self.log).read_text()[-3000:]
            try:
                if requests.get(self.url(number), timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(1)
        raise AssertionError(f"instance {number} did not serve within {seconds} s")

    def wait_for_worker(self):
        log = self.folder / "worker" / "var" / "log" / "process.log"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if log.exists() and "running the jobs" in log.read_text(errors="replace"):
                return
            time.sleep(0.5)
        raise AssertionError("the worker did not start")

    def pid(self, name):
        return int((self.folder / name / "var" / "pid").read_text())

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=120)

    def drop_database(self):
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        for command in (["dropdb", "--if-exists"], ["dropuser", "--if-exists"]):
            subprocess.run([*as_postgres, *command, self.database], cwd="/", check=False)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    running = Cluster(folder / "cluster", folder / "start-cluster.log")
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=unused_port())
    smtp.start()
    running.start()
    settings = requests.patch(
        running.url(1, "@registry"),
        auth=ADMIN,
        headers=JSON,
        json={"plone.smtp_host": "127.0.0.1", "plone.smtp_port": smtp.port},
        timeout=30,
    )
    assert settings.status_code == 204, settings.text
    running.inbox = inbox
    yield running
    running.stop()
    smtp.stop()
    running.drop_database()


def call(method, url, auth, **body):
    return requests.request(method, url, auth=auth, headers=JSON, json=body or None, timeout=120)


def tracking(cluster, number):
    response = call("GET", cluster.url(number, f"{SEANCE}/@tracking"), AGENT)
    assert response.status_code == 200, response.text
    return {line["userid"]: line for line in response.json()["recipients"]}


def wait_until(condition, seconds=120, what="the condition", detail=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {seconds} s. {detail() if detail else ''}")


def email_of(userid):
    return userid.replace("@saint-demo", "@saint-demo.example")


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def answer(cluster, number, userid, **body):
    """The official ``userid`` answers through instance ``number``."""
    return call(
        "POST",
        convocation_url(cluster, number, userid) + "/@attendance",
        (userid, PASSWORD),
        **body,
    )


def convocation_url(cluster, number, userid):
    normalized = re.sub(r"[^a-z0-9]+", "-", userid.lower())  # as plone_utils.normalizeString
    return cluster.url(number, f"{SEANCE}/convocation-{normalized}")


def test_two_instances_and_the_worker_share_one_database(cluster):
    # The dossier's cache of the second instance follows a document added through the first.
    dossier = call("GET", cluster.url(2, f"{SEANCE}/@dossier"), AGENT)
    assert dossier.status_code == 200, dossier.text
    assert ANNEX not in pdf_text(dossier.content)
    item = call("GET", cluster.url(1, SEANCE), AGENT).json()["items"][0]["@id"]
    annex_pdf = pdf(ANNEX, "Plan de financement")
    added = call(
        "POST",
        item,
        AGENT,
        **{
            "@type": "File",
            "title": ANNEX,
            "file": {
                "data": b64encode(annex_pdf).decode(),
                "encoding": "base64",
                "filename": "annexe.pdf",
                "content-type": "application/pdf",
            },
        },
    )
    assert added.status_code == 201, added.text
    dossier = call("GET", cluster.url(2, f"{SEANCE}/@dossier"), AGENT)
    assert ANNEX in pdf_text(dossier.content)

    # Sent through the first instance: the worker convokes, the second instance follows it.
    sent = call("POST", cluster.url(1, f"{SEANCE}/@workflow/notify"), AGENT)
    assert sent.status_code == 200, sent.text
    # The worker killed at once: make start-cluster starts it again, and it takes the job up.
    os.kill(cluster.pid("worker"), signal.SIGKILL)
    wait_until(
        lambda: (
            call("GET", cluster.url(2, f"{SEANCE}/@sending"), AGENT).json()["sending"]["state"]
            == "done"
        ),
        what="the worker's sending",
    )
    lines = tracking(cluster, 1)
    mailed = {userid for userid, line in lines.items() if line["delivery"] not in ("paper", None)}
    assert len(mailed) >= 15 and HOLDER in mailed
    wait_until(
        lambda: all(tracking(cluster, 1)[userid]["delivery"] == "sent" for userid in mailed),
        what="every convocation's mail accepted by the SMTP server",
    )

    # Acknowledged through the second instance, seen at once through the first.
    first = sorted(mailed)[0]
    item_path = item.split("/Plone/", 1)[1]
    official = (first, PASSWORD)
    assert call("GET", cluster.url(1, item_path), official).status_code in (401, 403)
    for userid in sorted(mailed):
        received = call(
            "POST", convocation_url(cluster, 2, userid) + "/@receipt", (userid, PASSWORD)
        )
        assert received.status_code == 200, received.text
        assert tracking(cluster, 1)[userid]["received_at"] is not None
    # The receipt groups: the documents open to her through the other instance.
    assert call("GET", cluster.url(1, item_path), official).status_code == 200

    # Two proxies given to one colleague at the same moment, one through each instance.
    present = answer(cluster, 2, HOLDER, attendance="present")
    assert present.status_code == 200, present.text
    barrier = threading.Barrier(2)

    def give(number, giver):
        barrier.wait()
        return answer(cluster, number, giver, attendance="proxy", proxy_holder=HOLDER)

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(give, (1, 2), GIVERS))
    assert sorted(answer.status_code for answer in answers) == [200, 400], [
        answer.text for answer in answers
    ]
    refused = next(answer for answer in answers if answer.status_code == 400)
    assert refused.json()["error"]["message"] == FULL
    accepted = GIVERS[[answer.status_code for answer in answers].index(200)]

    # A login made through one instance holds on the other: no stickiness needed behind a balancer.
    token = requests.post(
        cluster.url(1, "@login"),
        headers=JSON,
        json={"login": AGENT[0], "password": AGENT[1]},
        timeout=60,
    ).json()["token"]
    bearer = requests.get(
        cluster.url(2, f"{SEANCE}/@tracking"),
        headers={**JSON, "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert bearer.status_code == 200
    browser = requests.Session()
    logged_in = browser.post(
        cluster.url(1, "login"),
        data={"__ac_name": AGENT[0], "__ac_password": AGENT[1], "buttons.login": "Se connecter"},
        timeout=60,
    )
    assert logged_in.status_code == 200 and "__ac" in browser.cookies
    assert browser.get(cluster.url(2, f"{SEANCE}/@tracking"), headers=JSON, timeout=60).ok
    assert (
        requests.get(cluster.url(2, f"{SEANCE}/@tracking"), headers=JSON, timeout=60).status_code
        == 401
    )

    # The tracking read through the first instance.
    lines = tracking(cluster, 1)
    assert [userid for userid, line in lines.items() if line["proxy_holder"] == HOLDER] == [
        accepted
    ]
    assert lines[HOLDER]["attendance"] == "present"
    assert all(lines[userid]["received_at"] for userid in mailed)

    # The journal: every receipt written through the second instance, its seals checked by the first.
    journal = call("GET", cluster.url(1, f"{SEANCE}/@journal"), AGENT).json()
    kinds = Counter(entry["kind"] for entry in journal["items"])
    assert kinds["receipt"] == len(mailed)
    assert journal["verification"]["valid"] is True, journal["verification"]

    # An instance killed just after answering: its confirmation mail is in the shared queue.
    last = sorted(mailed - {HOLDER, *GIVERS})[-1]
    answered = answer(cluster, 2, last, attendance="absent")
    assert answered.status_code == 200, answered.text
    os.kill(cluster.pid("instance2"), signal.SIGKILL)

    # Exactly one convocation per recipient; one confirmation per receipt and per answer kept.
    confirmations = len(mailed) + 3  # the holder's, the accepted proxy's and the last answer's
    wait_until(
        lambda: len(cluster.inbox.confirmations(mailed)) >= confirmations,
        what=f"{confirmations} confirmations",
        detail=lambda: [
            (str(mail["To"]), str(mail["Subject"]), str(mail["X-Convocation-Mail"]))
            for mail in cluster.inbox.mails
            if mail["X-Convocation-Mail"] != "convocation"
        ],
    )
    time.sleep(3)  # a mail sent twice would arrive now
    assert cluster.inbox.convocations() == Counter({email_of(userid): 1 for userid in mailed})
    received = cluster.inbox.confirmations(mailed)
    assert len(received) == confirmations
    assert [mail["To"].addresses[0].addr_spec for mail in received].count(email_of(last)) == 2
    cluster.wait_serving(2)  # started again by make start-cluster
    assert tracking(cluster, 2)[last]["attendance"] == "absent"
    cluster.annex = (item_path + "/" + added.json()["@id"].rsplit("/", 1)[1], annex_pdf)
    cluster.unanswered = sorted(mailed - {HOLDER, *GIVERS, last})[0]


def test_a_backup_restores_the_database_its_blobs_and_the_seals(cluster, tmp_path):
    backup = tmp_path / "backup"
    made = cluster.make("backup", f"BACKUP={backup}")
    assert made.returncode == 0, made.stderr
    assert sorted(path.name for path in backup.iterdir()) == [
        "database.dump",
        "journal-seals.tar.gz",
        "manifest.json",
    ]
    assert oct(backup.stat().st_mode & 0o777) == "0o700"

    # After the backup: an answer, journaled and sealed.
    changed = cluster.unanswered
    answered = answer(cluster, 1, changed, attendance="present")
    assert answered.status_code == 200, answered.text

    refused = cluster.make("restore", f"BACKUP={backup}", check=False)
    assert refused.returncode != 0
    assert "Stop the cluster first" in refused.stderr

    cluster.stop()
    restored = cluster.make("restore", f"BACKUP={backup}")
    assert restored.returncode == 0, restored.stderr
    cluster.start()

    assert tracking(cluster, 2)[changed]["attendance"] == "unanswered"
    journal = call("GET", cluster.url(1, f"{SEANCE}/@journal"), AGENT).json()
    assert journal["verification"]["valid"] is True, journal["verification"]
    path, content = cluster.annex
    download = call("GET", cluster.url(2, f"{path}/@@download/file"), AGENT)
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == hashlib.sha256(content).hexdigest()
