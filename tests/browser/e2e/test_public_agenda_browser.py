"""The public agenda in Chromium, as a citizen reads it (no login) and as the agent publishes it."""

from collective.convocation.setuphandlers.demo import pdf_file
from plone import api
from plone.dexterity.utils import createContentInContainer

import pytest
import transaction


@pytest.fixture
def site(functional, world_of):
    seances = world_of.seances
    with api.env.adopt_roles(["Manager"]):
        item = createContentInContainer(
            seances["notified"],
            "AgendaItem",
            number="1",
            title="Budget primitif 2031",
            rapporteur="official2@ville-a",
            main_file=pdf_file("rapport-budget.pdf", "Rapport sur le budget"),
            main_file_public=True,
        )
        createContentInContainer(
            item,
            "File",
            title="Plan de financement",
            file=pdf_file("plan-financement.pdf", "Plan de financement"),
            public_document=True,
        )
        createContentInContainer(
            seances["notified"],
            "AgendaItem",
            number="2",
            title="Acquisition amiable du terrain Dupont",
            public=False,
        )
        seances["archived"].closed_session = True
    transaction.commit()
    return {
        "portal": functional["portal"].absolute_url(),
        "agenda": f"{world_of.town_a.absolute_url()}/@@agenda-public",
        "notified": seances["notified"].absolute_url(),
    }


def test_a_citizen_reads_the_agenda_and_downloads_a_public_document(
    site, width_page, accessible, artifacts, request
):
    page = width_page
    page.goto(site["agenda"])
    assert page.locator("h1").first.inner_text() == "Agenda des séances — Ville A"
    upcoming = page.locator("#public-agenda-upcoming")
    card = upcoming.locator("article", has_text="Séance notified")
    text = card.inner_text()
    assert "dimanche 2 juin 2030 à 18h30" in text and "Salle du conseil" in text
    assert "Séance publique" in text
    assert "1. Budget primitif 2031" in text and "Oscar Second" in text
    assert "Dupont" not in page.content()
    assert "Annulée" in upcoming.locator("article", has_text="Séance cancelled").inner_text()
    recent = page.locator("#public-agenda-recent").inner_text()
    assert "Séance archived" in recent and "Huis clos" in recent
    accessible(page, within="#content")
    page.screenshot(path=artifacts / f"{request.node.name}.png", full_page=True)

    # By keyboard: the annex's link, then Enter, downloads it.
    link = card.get_by_role("link", name="Plan de financement")
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "plan-financement.pdf"
    assert open(download.value.path(), "rb").read().startswith(b"%PDF")


def test_the_agent_publishes_a_kept_agenda(
    site, world_of, width_page, accessible, log_in, artifacts, request
):
    world_of.seances["notified"].agenda_publication = "by_hand"
    transaction.commit()
    page = width_page
    page.goto(site["agenda"])
    assert "Séance notified" not in page.locator("#public-agenda-upcoming").inner_text()
    log_in(page, site["portal"], "agent")
    page.goto(site["notified"])
    page.get_by_role("link", name="Publier l'ordre du jour").click()
    assert page.url.endswith("/@@publier-ordre-du-jour")
    accessible(page, within="#content")
    page.screenshot(path=artifacts / f"{request.node.name}.png", full_page=True)
    page.get_by_role("button", name="Publier l'ordre du jour").click()
    assert page.url == site["notified"]
    assert "L'ordre du jour est publié." in page.content()

    page.goto(site["agenda"])
    card = page.locator("#public-agenda-upcoming article", has_text="Séance notified")
    assert "1. Budget primitif 2031" in card.inner_text()
