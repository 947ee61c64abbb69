"""The agent on a tablet or a phone: the recipients' table filtered, then the roll call in one pass (issue 11)."""

from world import PASSWORD
from world import started
from world import userid

import pytest
import requests
import transaction


@pytest.fixture
def seance_url(world_of):
    """The notified séance on its day; Oscar has acknowledged receipt, Odile and Ivan not."""
    url = world_of.convocations[("notified", "official2")].absolute_url()
    requests.post(
        url + "/@receipt",
        auth=(userid("official2"), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    transaction.begin()
    started(world_of.seances["notified"])
    transaction.commit()
    return world_of.seances["notified"].absolute_url()


def show_table(page, seance_url, query=""):
    """The séance's page, whose recipients' table follows the page's query (filter, sort)."""
    page.goto(seance_url + query)
    return page.locator("#tracking-recipients")


def test_roll_call_in_one_pass_and_the_filtered_table(
    functional, world_of, seance_url, width_page, log_in, accessible, artifacts
):
    page = width_page
    width = page.viewport_size["width"]
    portal = functional["portal"].absolute_url()
    log_in(page, portal, "agent")

    def shot(step):
        page.screenshot(path=artifacts / f"test_roll_call-{width}-{step}.png", full_page=True)

    # The roll call: « Tous présents », then one exception and one arrival time, one save.
    page.goto(f"{seance_url}/@@roll-call")
    quorum = page.locator("#roll-call-quorum")
    assert "Appel : 0 dans la salle, quorum non atteint." in quorum.inner_text()
    accessible(page)
    page.get_by_role("button", name="Tous présents").click()
    assert "Appel : 2 dans la salle, quorum atteint." in quorum.inner_text()
    oscar = page.locator("fieldset", has_text="Oscar Second")
    oscar.get_by_label("Absent").check()
    assert "Appel : 1 dans la salle, quorum non atteint." in quorum.inner_text()
    odile = page.locator("fieldset", has_text="Odile Officielle")
    assert odile.get_by_label("Présent").is_checked()
    odile.get_by_label("Arrivée").fill("18:35")
    shot("marked")
    page.get_by_role("button", name="Enregistrer l'appel").click()
    assert "3 présences enregistrées." in page.locator("#global_statusmessage").inner_text()
    assert "Appel : 1 dans la salle, quorum non atteint." in quorum.inner_text()
    assert page.locator("fieldset", has_text="Oscar Second").get_by_label("Absent").is_checked()
    assert (
        page.locator("fieldset", has_text="Odile Officielle").get_by_label("Arrivée").input_value()
        == "18:35"
    )
    accessible(page)
    # The quorum box stays in view as the agent goes down the list
    page.locator("#roll-call-save").scroll_into_view_if_needed()
    assert page.locator("#roll-call-quorum").is_visible()
    box = page.locator("#roll-call-quorum").bounding_box()
    assert box["y"] < 10  # stuck at the top
    shot("saved")

    # The recipients' table, « Sans accusé de réception »: rows, or cards on a phone.
    table = show_table(page, seance_url, "?filtre=sans-accuse")
    current = table.locator("[aria-current=true]")
    assert "Sans accusé de réception (2)" in current.inner_text().replace("\xa0", " ")
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    assert "Odile Officielle" in rows.nth(0).inner_text()
    assert "arrivée à 18h35" in rows.nth(0).inner_text()
    assert "Oscar Second" not in table.inner_text()
    if width < 576:
        # A card: each value after its label, and nothing to scroll sideways (accessible, below)
        sent = rows.nth(0).locator("td[data-label=Envoyée]")
        assert "Envoyée" in sent.evaluate("td => getComputedStyle(td, '::before').content")
        assert rows.nth(0).evaluate("row => getComputedStyle(row).display") == "block"
    accessible(page)
    # By keyboard: the sort links are reached with Tab
    table.get_by_role("link", name="Destinataire").focus()
    assert page.evaluate("document.activeElement.textContent").strip().startswith("Destinataire")
    shot("table")
