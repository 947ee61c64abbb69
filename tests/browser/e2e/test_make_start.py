"""`make start` from the README: a fresh instance, the demo site, then a restart that keeps the data."""

from instances import ADMIN
from instances import ROOT

import os
import pytest
import requests
import subprocess
import time


@pytest.fixture
def instance(make_start):
    return make_start()


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


UNDO_REFUSED = "Cette transaction a écrit dans le journal de preuve d'une séance : elle ne peut pas être annulée."
UNDO_IN_THE_DATABASE = """
from App.Undo import decode64

import os
import transaction

# What the ZMI's form posts, decoded as its manage_undo_transactions does. The transactions after
# the receipt (its confirmation mail's job, done by the worker) are undone first, newest first:
# a transaction cannot be undone while a later one changed what it wrote.
db = app._p_jar.db()  # noqa: F821 - from zconsole run
receipt = decode64(os.environ["UNDO_TID"])
for entry in db.undoLog(0, 100):
    db.undo(entry["id"])
    transaction.commit()
    if entry["id"] == receipt:
        print("undone")
        break
"""


@pytest.mark.slow
def test_undo_of_a_journaled_transaction_is_refused_and_a_database_undo_detected(
    instance, tmp_path, free_port
):
    """On a real FileStorage: the ZMI refuses to undo a receipt; undone in the database, the seals tell."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Sink

    import html
    import re

    smtp = Controller(Sink(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    instance.start()
    json_headers = {"Accept": "application/json"}
    agent = ("camille.besson@saint-demo", "Saint-Demo-2026")
    helene = ("helene.marchand@saint-demo", "Saint-Demo-2026")
    registry = requests.patch(
        f"{instance.url}/@registry",
        auth=ADMIN,
        headers=json_headers,
        json={"plone.smtp_host": "127.0.0.1", "plone.smtp_port": smtp.port},
        timeout=30,
    )
    assert registry.status_code == 204, registry.text
    council = requests.get(
        f"{instance.url}/saint-demo/conseil-municipal", auth=agent, headers=json_headers, timeout=30
    ).json()
    seance = next(
        item["@id"]
        for item in council["items"]
        if item["@type"] == "Seance" and item["review_state"] == "draft"
    )
    sent = requests.post(
        f"{seance}/@workflow/notify", auth=agent, headers=json_headers, timeout=120
    )
    assert sent.status_code == 200, sent.text
    time.sleep(10)  # the mails leave and the queue's thread writes their outcomes
    convocation = f"{seance}/convocation-helene-marchand-saint-demo"
    assert requests.post(
        f"{convocation}/@receipt", auth=helene, headers=json_headers, timeout=30
    ).ok

    root = instance.url.rsplit("/", 1)[0] + "/Control_Panel/Database/main"  # the ZMI's Undo tab
    undo_form = requests.get(f"{root}/manage_UndoForm", auth=ADMIN, timeout=30).text
    offered = re.findall(r'name="transaction_info:list"\s+value="([^"]+)"', undo_form)
    receipt_info = next((value for value in offered if "@receipt" in value), None)
    assert receipt_info, offered or undo_form[-3000:]
    refused = requests.post(
        f"{root}/manage_undo_transactions",
        auth=ADMIN,
        data={"transaction_info:list": receipt_info},
        headers={"Accept": "text/html"},  # as the ZMI's browser asks
        timeout=30,
    )
    assert refused.status_code == 403
    assert UNDO_REFUSED in html.unescape(refused.text)
    attendance = requests.get(
        f"{convocation}/@attendance", auth=helene, headers=json_headers, timeout=30
    ).json()
    assert attendance["received_at"] is not None

    # Undone in the database itself, Zope stopped: nothing in Zope can refuse that
    instance.stop()
    script = tmp_path / "undo.py"
    script.write_text(UNDO_IN_THE_DATABASE)
    undone = subprocess.run(
        [str(ROOT / ".venv/bin/zconsole"), "run", f"{instance.folder}/etc/zope.conf", str(script)],
        env={**os.environ, "UNDO_TID": receipt_info.split()[0]},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "undone" in undone.stdout, undone.stderr[-3000:]
    instance.start()
    attendance = requests.get(
        f"{convocation}/@attendance", auth=helene, headers=json_headers, timeout=30
    ).json()
    assert attendance["received_at"] is None  # the receipt is gone, and its journal entry with it
    journal = requests.get(
        f"{seance}/@journal", auth=agent, headers=json_headers, timeout=30
    ).json()
    assert "receipt" not in {item["kind"] for item in journal["items"]}
    assert journal["verification"]["valid"] is False
    assert journal["verification"]["reason"] == "truncated"
    assert journal["verification"]["message"].startswith("La chaîne a été coupée")
    smtp.stop()
