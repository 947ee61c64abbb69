"""The agent's home in Chromium, at a desk's and a phone's width: she logs in and lands on it, reads a
draft's deadline and a sent séance's rates, opens the assembly and its mandates (issue 11)."""

from home_world import build_home

import pytest
import transaction


@pytest.fixture
def home(world_of):
    found = build_home(world_of)
    transaction.commit()
    return found


def test_agent_lands_on_her_home_and_finds_her_way(
    functional, world_of, home, width_page, log_in, accessible, artifacts
):
    page = width_page
    width = page.viewport_size["width"]
    portal = functional["portal"].absolute_url()

    log_in(page, portal, "agent")
    page.wait_for_url(world_of.town_a.absolute_url())
    assert page.locator("h1").first.inner_text() == "Ville A"
    draft = page.locator("#home-drafts article", has_text="Séance draft")
    assert "À envoyer au plus tard le mardi 28 mai 2030" in draft.inner_text()
    late = page.locator("#home-drafts article", has_text="Séance pressée")
    assert "Délai dépassé" in late.inner_text()
    sent = page.locator("#home-sent article", has_text="Séance notified")
    assert "2 / 3 accusés de réception" in sent.inner_text()
    assert "1 / 3 réponses" in sent.inner_text()
    page.screenshot(path=artifacts / f"agent-home-{width}.png", full_page=True)
    accessible(page)

    page.locator("#home-upcoming").get_by_role("link", name="Conseil municipal").click()
    page.wait_for_url(world_of.council.absolute_url())
    assert "Séance draft" in page.locator("#assembly-upcoming").inner_text()
    assert page.get_by_role("link", name="Nouvelle séance").is_visible()
    page.screenshot(path=artifacts / f"agent-assembly-{width}.png", full_page=True)
    accessible(page)

    page.locator("#content").get_by_role("link", name="Mandats").click()
    page.wait_for_url("**/@@mandats")
    assert "Odile Officielle" in page.locator("#mandates-current").inner_text()
    page.screenshot(path=artifacts / f"agent-mandates-{width}.png", full_page=True)
    accessible(page)
