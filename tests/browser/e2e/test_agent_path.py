"""The agent's whole path through the pages, as a person clicks it, on a desk and on a phone (issue 11).

A new séance with numbered items and several annexes at once, sent after its confirmation, then the
reminder; on a séance already begun: the roll call « Tous présents » with one exception, the
émargement's proxy line and totals, the minutes, and « Classer ». axe-core runs on every page, whole.
"""

from datetime import datetime
from datetime import timedelta
from io import BytesIO
from pdfs import flat
from pdfs import pages
from pypdf import PdfReader
from world import PASSWORD
from world import started
from world import userid
from zoneinfo import ZoneInfo

import re
import requests
import transaction


def answer(convocation, persona, **body):
    """The official's own REST calls: receipt, then an answer."""
    auth = (userid(persona), PASSWORD)
    headers = {"Accept": "application/json"}
    url = convocation.absolute_url()
    assert requests.post(f"{url}/@receipt", auth=auth, headers=headers, timeout=30).ok
    if body:
        done = requests.post(
            f"{url}/@attendance", auth=auth, headers=headers, json=body, timeout=30
        )
        assert done.ok, done.text


def pdf_file(name, title):
    return {"name": name, "mimeType": "application/pdf", "buffer": pages(title, 1)}


def test_agent_path(functional, world_of, width_page, log_in, accessible, artifacts, request):
    page = width_page
    portal = functional["portal"].absolute_url()
    town = world_of.town_a.absolute_url()
    begun = world_of.seances["notified"]
    # The séance of the second half has begun; Odile gave her proxy to Oscar.
    answer(world_of.convocations[("notified", "official2")], "official2", attendance="present")
    answer(
        world_of.convocations[("notified", "official")],
        "official",
        attendance="proxy",
        proxy_holder=userid("official2"),
    )
    transaction.begin()
    started(begun)
    transaction.commit()
    begun_url = begun.absolute_url()

    def seen(step):
        """What the agent sees passes axe-core whole, and is kept as a screenshot."""
        accessible(page)
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)

    def action(name):
        page.locator("#seance-actions").get_by_role("link", name=name).click()

    # Logged in, the agent lands on the collectivity's home.
    log_in(page, portal, "agent")
    assert page.url.rstrip("/") == town
    seen("home")

    # A new séance from the assembly's page.
    page.locator("#content").get_by_role("link", name="Conseil municipal", exact=True).first.click()
    seen("assembly")
    page.get_by_role("link", name="Nouvelle séance").click()
    start = (datetime.now(ZoneInfo("Europe/Paris")) + timedelta(days=30)).replace(
        hour=18, minute=30
    )
    page.locator("#form-widgets-start").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#form-widgets-location").fill("Salle du conseil")
    seen("add-form")
    page.get_by_role("link", name="Documents").click()
    page.locator("#form-widgets-convocation_file-input").set_input_files(
        pdf_file("convocation.pdf", "Convocation")
    )
    page.get_by_role("button", name="Enregistrer").click()
    assert "Brouillon" in page.locator("#seance-status").inner_text()
    assert "À envoyer au plus tard le " in page.locator("#seance-status").inner_text()
    seance_url = page.url.split("?")[0].removesuffix("/view")
    seen("draft")

    # Two agenda items, numbered for the agent.
    for title in ("Budget primitif", "Travaux de voirie"):
        page.get_by_role("link", name="Ajouter un point à l'ordre du jour").click()
        page.locator("#form-widgets-IBasic-title, #form-widgets-title").first.fill(title)
        page.get_by_role("button", name="Enregistrer").click()
        page.goto(seance_url)
    agenda = page.locator("#seance-agenda")
    assert "Point 1 - Budget primitif" in agenda.inner_text()
    assert "Point 2 - Travaux de voirie" in agenda.inner_text()

    # Three annexes at once on the second item.
    agenda.get_by_role("link", name="Ajouter des annexes : Point 2 - Travaux de voirie").click()
    seen("annexes")
    page.get_by_label("Annexes (PDF)").set_input_files(
        [pdf_file(f"plan_{n}.pdf", f"Plan {n}") for n in (1, 2, 3)]
    )
    page.get_by_role("button", name="Ajouter les annexes").click()
    assert "3 annexes ajoutées." in page.locator("#global_statusmessage").inner_text()
    for n in (1, 2, 3):
        assert f"Plan {n}" in page.locator("#seance-agenda").inner_text()
    seen("agenda")

    # Sent after the confirmation, which says who is reached and how.
    action("Envoyer les convocations")
    assert "Odile Officielle" in page.locator("#content").inner_text()
    seen("send")
    page.locator("#content").get_by_role("button", name="Envoyer les convocations").click()
    page.wait_for_url(seance_url)
    assert "L'envoi des convocations a commencé : suivez-le sur cette page." in page.content()
    # The page follows the sending done in the background, then shows its result.
    page.locator("#seance-sending").get_by_text(
        re.compile(r"^Envoi terminé : (\d+) / \1$")
    ).wait_for(timeout=60_000)
    assert "Convoquée" in page.locator("#seance-status").inner_text()
    seen("sent")

    # The reminder shows its mail, then goes.
    action("Relancer les non-répondants")
    assert "Objet : Rappel : " in page.locator("#remind-preview").inner_text()
    seen("remind")
    page.get_by_role("button", name="Envoyer la relance").click()
    page.wait_for_url(seance_url)
    assert "Relance envoyée à " in page.content()

    # The séance that has begun: the roll call in one pass, « Tous présents » and one exception.
    page.goto(begun_url)
    seen("begun")
    action("Appel")
    page.get_by_role("button", name="Tous présents").click()
    page.locator("fieldset", has_text="Odile Officielle").get_by_label("Absent").check()
    seen("roll-call")
    page.get_by_role("button", name="Enregistrer l'appel").click()
    assert "présences enregistrées." in page.locator("#global_statusmessage").inner_text()

    # The émargement: the proxy holder signs for Odile, and the totals.
    page.goto(begun_url)
    sheet = page.request.get(
        page.locator("#seance-actions")
        .get_by_role("link", name="Émargement (PDF)")
        .get_attribute("href")
    )
    assert sheet.headers["content-type"] == "application/pdf"
    text = flat("".join(p.extract_text() for p in PdfReader(BytesIO(sheet.body())).pages))
    assert flat("Pouvoir d'Odile Officielle donné à Oscar Second") in text
    assert flat("Quorum atteint") in text or flat("Quorum non atteint") in text

    # The minutes, then « Classer ».
    action("Ajouter le procès-verbal")
    seen("minutes")
    page.get_by_label("Procès-verbal (PDF)").set_input_files(pdf_file("pv.pdf", "Procès-verbal"))
    page.locator("#content").get_by_role("button", name="Enregistrer le procès-verbal").click()
    page.wait_for_url(f"{begun_url}**")
    assert "Procès-verbal" in page.locator("#seance-minutes").inner_text()
    action("Classer")
    seen("archive")
    page.locator("#content").get_by_role("button", name="Classer la séance").click()
    page.wait_for_url(f"{begun_url}**")
    assert "État : Classée" in page.locator("#seance-status").inner_text()
    seen("archived")
