"""`make start` from the README: a fresh instance, the demo site, then a restart that keeps the data."""

from pathlib import Path

import os
import pytest
import requests
import signal
import socket
import subprocess
import time


ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "admin-du-test")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Instance:
    """`make start` in the background, on its own port and instance folder."""

    def __init__(self, folder, port, log):
        self.folder, self.port, self.log = folder, port, log
        self.url = f"http://localhost:{port}/Plone"

    def start(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                ["make", "start", f"INSTANCE={self.folder}", f"PORT={self.port}"],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "ADMIN_PASSWORD": ADMIN[1]},
            )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            assert self.process.poll() is None, Path(self.log).read_text()[-3000:]
            try:
                if requests.get(self.url, timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(2)
        raise AssertionError("make start did not serve the site within 10 minutes")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=60)


@pytest.fixture
def instance(tmp_path):
    instance = Instance(tmp_path / "instance", free_port(), tmp_path / "make-start.log")
    yield instance
    if instance.process.poll() is None:
        instance.stop()


@pytest.mark.slow
def test_make_start_serves_the_demo_and_keeps_data(instance, page, screenshot):
    instance.start()
    assert requests.get(instance.url, timeout=30).status_code == 200

    # The demo agent logs in and finds the demo collectivity.
    page.goto(f"{instance.url}/login")
    page.fill("#__ac_name", "camille.besson@saint-demo")
    page.fill("#__ac_password", "Saint-Demo-2026")
    page.click("#buttons-login")
    page.goto(f"{instance.url}/saint-demo")
    assert page.title().startswith("Commune de Saint-Démo")
    assert page.locator("h1").first.inner_text() == "Commune de Saint-Démo"
    screenshot("agent-sees-collectivity")

    # The Zope admin's password is ADMIN_PASSWORD; something made now must survive a restart.
    created = requests.post(
        instance.url,
        auth=ADMIN,
        headers={"Accept": "application/json"},
        json={"@type": "Document", "id": "garde", "title": "Gardé après redémarrage"},
        timeout=30,
    )
    assert created.status_code == 201, created.text

    # What a cron runs: the day's reminders (the demo's upcoming séance is still a draft).
    reminded = subprocess.run(
        ["make", "remind", f"PORT={instance.port}"],
        cwd=ROOT,
        env={**os.environ, "ADMIN_PASSWORD": ADMIN[1]},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert reminded.returncode == 0, reminded.stderr
    assert "0 rappel(s) envoyé(s)." in reminded.stdout
    instance.stop()

    instance.start()
    kept = requests.get(
        f"{instance.url}/garde", auth=ADMIN, headers={"Accept": "application/json"}, timeout=30
    )
    assert kept.status_code == 200
    assert kept.json()["title"] == "Gardé après redémarrage"
    assert "The site Plone exists: kept as it is." in instance.log.read_text()
    demo = requests.get(
        f"{instance.url}/saint-demo", auth=ADMIN, headers={"Accept": "application/json"}, timeout=30
    )
    assert demo.json()["title"] == "Commune de Saint-Démo"


@pytest.mark.slow
def test_create_a_plone_site_offers_the_distribution(instance, chromium, tmp_path):
    instance.start()
    root = instance.url.rsplit("/", 1)[0]

    # The Zope root's "Create a Plone site" page lists the distribution.
    context = chromium.new_context(
        locale="fr-FR", http_credentials={"username": ADMIN[0], "password": ADMIN[1]}
    )
    page = context.new_page()
    page.goto(f"{root}/@@ploneAddSite")
    offered = page.get_by_text("Convocation électronique des élus").first
    offered.wait_for()
    page.screenshot(path=tmp_path / "add-site.png", full_page=True)
    context.close()

    # Made from it without the demo content: the add-on is there, in French, and the demo is not.
    created = requests.post(
        f"{root}/@sites",
        auth=ADMIN,
        headers={"Accept": "application/json"},
        json={
            "distribution": "convocation",
            "site_id": "Vide",
            "title": "Sans démonstration",
            "default_language": "fr",
            "portal_timezone": "Europe/Paris",
            "setup_content": False,
        },
        timeout=300,
    )
    assert created.status_code == 200, created.text
    types = requests.get(
        f"{root}/Vide/@types", auth=ADMIN, headers={"Accept": "application/json"}, timeout=30
    )
    assert "Collectivité" in {entry["title"] for entry in types.json()}
    assert requests.get(f"{root}/Vide/saint-demo", auth=ADMIN, timeout=30).status_code == 404
