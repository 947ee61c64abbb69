"""The evidence journal of a séance: what it records, its page, its exports and its verification."""

from background import settled
from clients import FORMULAS
from clients import rest
from clients import spreadsheet
from collective.convocation.operations.journal import journal_of
from concurrent.futures import ThreadPoolExecutor
from plone import api
from world import browser_as
from world import PASSWORD
from world import started
from world import userid

import csv
import hashlib
import io
import itertools
import json
import pytest
import requests
import transaction


JSON = {"Accept": "application/json"}


def kinds(items):
    return [item["kind"] for item in items]


def test_the_journal_records_sending_receipt_answer_roll_call_and_archiving(world_of, functional):
    seance = world_of.seances["notified"]
    url = seance.absolute_url()
    convocation_url = world_of.convocations[("notified", "official")].absolute_url()
    rest("POST", "official", convocation_url + "/@receipt")
    rest("POST", "official", convocation_url + "/@attendance", json={"attendance": "present"})
    transaction.begin()
    started(seance)  # the day has come: roll call, then « Classer »
    transaction.commit()
    rest(
        "POST",
        "agent",
        url + "/@roll-call",
        json={"recipient": userid("official"), "actual": "late"},
    )
    rest(
        "POST",
        "agent",
        url + "/@renotify",
        json={"subject": "Ordre du jour", "message": "Un point ajouté."},
    )
    settled(functional["portal"])  # the message's mails, queued by the worker
    rest("POST", "agent", url + "/@workflow/archive")

    journal = rest("GET", "agent", url + "/@journal").json()
    assert journal["verification"]["valid"] is True
    assert journal["verification"]["message"].startswith("La chaîne est intacte")
    items = journal["items"]
    assert kinds(items)[:2] == ["created", "notified"]
    # The test's MailHost sends at commit, without a queue: each mail is accepted at once
    assert kinds(items)[2:8] == ["mail-queued", "mail-sent"] * 3
    assert kinds(items).count("mail-sent") == 6  # and the renotify's three
    assert [kind for kind in kinds(items)[8:] if kind != "mail-sent"] == [
        "sending-done",
        "receipt",
        "answer",
        "roll-call",
        "renotified",
        "mail-queued",
        "mail-queued",
        "mail-queued",
        "archived",
    ]
    receipt = items[9]
    assert receipt["actor"] == userid("official")
    assert receipt["data"] == {"recipient": userid("official"), "via": "api"}
    roll_call = next(item for item in items if item["kind"] == "roll-call")
    assert roll_call["actor"] == userid("agent")
    assert roll_call["data"] == {"recipient": userid("official"), "actual": "late"}
    # every entry is chained to the one before it
    for before, entry in itertools.pairwise(items):
        assert entry["prev"] == before["hash"]


def test_the_notified_entry_keeps_the_sha256_of_every_document_sent(world_of):
    seance = world_of.seances["notified"]
    notified = next(item for item in journal_of(seance).entries() if item["kind"] == "notified")
    documents = {document["filename"]: document for document in notified["data"]["documents"]}
    assert set(documents) == {"convocation.pdf", "rapport.pdf"}
    assert (
        documents["convocation.pdf"]["sha256"]
        == hashlib.sha256(seance.convocation_file.data).hexdigest()
    )
    assert (
        documents["rapport.pdf"]["sha256"]
        == hashlib.sha256(seance["rapport"].file.data).hexdigest()
    )


def test_an_altered_entry_is_reported_on_the_page_and_over_rest(world_of, functional):
    seance = world_of.seances["notified"]
    page = journal_of(seance).pages[0]
    entries = [dict(entry) for entry in page.entries]
    entries[2] = {**entries[2], "data": {**entries[2]["data"], "recipient": "quelquun@ailleurs"}}
    page.entries = entries
    transaction.commit()

    result = rest("GET", "agent", seance.absolute_url() + "/@journal").json()["verification"]
    assert (result["valid"], result["broken_at"], result["reason"]) == (False, 2, "altered")
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@journal")
    assert "La chaîne est rompue à l'entrée n° 2 : l'entrée a été modifiée." in agent.contents


def test_the_agent_reads_and_exports_the_journal_from_the_seance_page(world_of, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(world_of.seances["notified"].absolute_url())
    agent.getLink("Journal de preuve").click()
    # created, notified, 3 mails queued, then accepted, the sending finished
    assert "La chaîne est intacte : 9 entrées vérifiées." in agent.contents
    assert "Convocations envoyées" in agent.contents
    agent.getLink("CSV").click()
    assert agent.headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(agent.contents.lstrip("\ufeff")), delimiter=";"))
    # the header line as a spreadsheet shows it
    assert ";".join(table[0]) == (
        "N°;Date;Événement;Horodatage (UTC);Auteur;Type;Données;Empreinte précédente;Empreinte"
    )
    assert [row[2] for row in table[1:3]] == ["Séance créée", "Convocations envoyées"]
    assert table[2][8] == table[3][7]  # each entry names the one before it
    agent.open(world_of.seances["notified"].absolute_url() + "/@@journal")
    agent.getLink("JSON").click()
    exported = json.loads(agent.contents)
    assert exported["verification"]["valid"] is True
    assert len(exported["entries"]) == 9


@pytest.mark.parametrize(
    "persona,status", [("agent", 200), ("official", 401), ("invitee", 401), ("other_agent", 401)]
)
def test_only_the_agents_read_the_journal(world_of, persona, status):
    url = world_of.seances["notified"].absolute_url()
    assert rest("GET", persona, url + "/@journal").status_code == status
    assert rest("GET", persona, url + "/@journal?format=csv").status_code == status


def test_simultaneous_receipts_are_all_journaled(functional):
    """Officials acknowledging at the same moment: every receipt is kept and the chain holds."""
    from collective.convocation.setuphandlers.demo import pdf_file
    from datetime import datetime
    from datetime import timedelta
    from datetime import UTC
    from plone import api
    from plone.dexterity.utils import createContentInContainer
    from world import add_town

    portal = functional["portal"]
    officials = [f"elu{number}@ville" for number in range(24)]
    with api.env.adopt_roles(["Manager"]):
        council = add_town(portal)
        for official in officials:
            api.user.create(
                email=f"{official.split('@')[0]}@example.org", username=official, password=PASSWORD
            )
            createContentInContainer(
                council,
                "Mandate",
                official=official,
                function="Conseiller",
                start=datetime(2026, 1, 1).date(),
            )
        start = datetime.now(UTC) + timedelta(days=10)
        seance = createContentInContainer(
            council,
            "Seance",
            start=start,
            location="Mairie",
            convocation_file=pdf_file("convocation.pdf", "Convocation"),
        )
        api.content.transition(obj=seance, transition="notify")
    transaction.commit()

    def acknowledge(official):
        convocation = f"{seance.absolute_url()}/convocation-{official.replace('@', '-')}"
        return requests.post(
            convocation + "/@receipt", auth=(official, PASSWORD), headers=JSON, timeout=120
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(acknowledge, officials))
    assert statuses == [200] * len(officials)
    transaction.begin()  # see the server's commits
    items = journal_of(seance).entries()
    assert sorted(item["actor"] for item in items if item["kind"] == "receipt") == sorted(officials)
    assert journal_of(seance).verify().valid


def test_documents_added_replaced_or_removed_after_sending_are_journaled(world, portal):
    """Integration: what changes in a sent séance's documents keeps its SHA-256 in the journal."""
    from collective.convocation.setuphandlers.demo import pdf_file
    from plone import api
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    seance = world.seances["notified"]
    with api.env.adopt_roles(["Manager"]):
        minutes = api.content.create(
            container=seance,
            type="File",
            id="pv",
            title="Procès-verbal",
            file=pdf_file("pv.pdf", "Procès-verbal"),
        )
        minutes.file = pdf_file("pv.pdf", "Procès-verbal corrigé")
        notify(ObjectModifiedEvent(minutes))
        api.content.delete(obj=seance["rapport"])
        notify(ObjectModifiedEvent(seance))  # its own files: the convocation
        draft = world.seances["draft"]
        api.content.create(container=draft, type="File", id="note", title="Note")
    entries = journal_of(seance).entries()
    changes = [
        (entry["kind"], entry["data"]["title"])
        for entry in entries
        if entry["kind"].startswith("document")
    ]
    assert changes == [
        ("document-added", "Procès-verbal"),
        ("document-changed", "Procès-verbal"),
        ("document-removed", "Rapport"),
        ("document-changed", "Séance notified"),
    ]
    assert [document["filename"] for document in entries[-1]["data"]["documents"]] == [
        "convocation.pdf"
    ]
    changed = next(entry for entry in entries if entry["kind"] == "document-changed")
    assert (
        changed["data"]["documents"][0]["sha256"] == hashlib.sha256(minutes.file.data).hexdigest()
    )
    added = next(entry for entry in entries if entry["kind"] == "document-added")
    assert added["data"]["documents"][0]["sha256"] != changed["data"]["documents"][0]["sha256"]
    assert journal_of(seance).verify().valid
    # a draft séance's documents are its agents' business until it is sent
    assert [entry["kind"] for entry in journal_of(draft).entries()] == ["created"]


def test_a_cancelled_seance_journals_its_cancellation_mails_then_the_cancellation(world):
    kinds = [entry["kind"] for entry in journal_of(world.seances["cancelled"]).entries()]
    assert kinds[:2] == ["created", "notified"]
    # the cancellation first, then the mail that tells each recipient (sent at once by the test's MailHost)
    assert kinds[-7:] == ["cancelled"] + ["mail-queued", "mail-sent"] * 3


def test_a_cut_or_recomputed_chain_is_reported_through_its_seals(world_of, functional):
    """Entries cut from the end, or the chain hashed again after an alteration: the chain alone passes, the seals do not."""
    from collective.convocation.core.chain import GENESIS
    from collective.convocation.core.chain import relink

    seance = world_of.seances["notified"]
    url = seance.absolute_url()
    convocation_url = world_of.convocations[("notified", "official")].absolute_url()
    rest("POST", "official", convocation_url + "/@receipt")
    intact = rest("GET", "agent", url + "/@journal").json()["verification"]
    assert intact["valid"] is True
    assert intact["seals"] >= 1 and intact["unsealed"] == 0
    assert "Sa tête est scellée hors de la base" in intact["message"]
    assert intact["public_key"].startswith("-----BEGIN PUBLIC KEY-----")

    transaction.begin()
    page = journal_of(seance).pages[-1]
    kept = [dict(entry) for entry in page.entries]
    last = kept[-1]["seq"]
    page.entries = kept[:-1]  # the receipt cut away
    transaction.commit()
    cut = rest("GET", "agent", url + "/@journal").json()["verification"]
    assert (cut["valid"], cut["reason"], cut["broken_at"]) == (False, "truncated", last)
    assert cut["message"].startswith(f"La chaîne a été coupée : l'entrée n° {last}, scellée le ")
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(url + "/@@journal")
    assert "La chaîne a été coupée" in agent.contents

    transaction.begin()
    kept[1] = {**kept[1], "data": {**kept[1]["data"], "clear_days": 30}}  # a longer notice, made up
    page.entries = relink(kept, 0, GENESIS)  # and every hash computed again
    transaction.commit()
    recomputed = rest("GET", "agent", url + "/@journal").json()["verification"]
    # Reported at the first sealed head after the altered entry
    assert (recomputed["valid"], recomputed["reason"]) == (False, "resealed")
    assert 1 <= recomputed["broken_at"] < last
    assert recomputed["message"].startswith(
        f"La chaîne ne correspond plus à son sceau : l'entrée n° {recomputed['broken_at']}, scellée le "
    )


# Text typed by users, read as a spreadsheet


def test_the_journal_csv_shows_an_actor_named_like_a_formula_as_text(functional, world_of):
    """A user id a spreadsheet would compute (an account made outside Plone's forms, say)."""
    portal = functional["portal"]
    world = world_of
    portal.acl_users.source_users.doAddUser("@SUM(A1)", PASSWORD)
    api.user.grant_roles(username="@SUM(A1)", obj=world.town_a, roles=["ConvocationAgent"])
    transaction.commit()
    seance = world.seances["notified"].absolute_url()
    response = requests.post(
        seance + "/@renotify",
        auth=("@SUM(A1)", PASSWORD),
        headers={"Accept": "application/json"},
        json={"subject": '=HYPERLINK("http://x")', "message": "-2"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    table = spreadsheet(rest("GET", "agent", seance + "/@journal?format=csv"))
    renotified = next(row for row in table[1:] if row[5] == "renotified")
    assert renotified[4] == "'@SUM(A1)"
    assert renotified[6].startswith("{") and '=HYPERLINK(\\"http://x\\")' in renotified[6]
    assert renotified[0].isdigit()  # the entry's number stays a number
    assert not any(cell.startswith(FORMULAS) for row in table for cell in row)
