"""An agent, in Chromium: the tracking on the séance, the roll call with the live quorum, the journal."""

from world import PASSWORD
from world import started
from world import userid

import pytest
import transaction


@pytest.fixture
def seance_url(world_of):
    world = world_of
    started(world.seances["notified"])  # the séance's day: the roll call is open
    transaction.commit()
    return world.seances["notified"].absolute_url()


def test_agent_follows_the_seance_calls_the_roll_and_reads_the_journal(
    functional, seance_url, page, screenshot
):
    portal = functional["portal"].absolute_url()
    page.goto(f"{portal}/login")
    page.fill("#__ac_name", userid("agent"))
    page.fill("#__ac_password", PASSWORD)
    page.click("#buttons-login")

    page.goto(seance_url)
    tracking = page.locator("#seance-tracking")
    assert "Suivi de la séance" in tracking.inner_text()
    assert "Quorum : 2 sur 2 membres en exercice." in page.locator("#seance-status").inner_text()
    rows = tracking.locator("#tracking-table tbody tr")
    assert rows.count() == 3
    assert "Ivan Invité" in rows.nth(2).inner_text()  # officials first, then the invitee
    screenshot("tracking")

    page.locator("#seance-actions").get_by_role("link", name="Appel").click()
    quorum = page.locator("#roll-call-quorum")
    assert "Appel : 0 dans la salle, quorum non atteint." in quorum.inner_text()
    page.locator("fieldset", has_text="Odile Officielle").get_by_label("Présent").check()
    page.locator("fieldset", has_text="Oscar Second").get_by_label("Présent").check()
    assert "Appel : 2 dans la salle, quorum atteint." in quorum.inner_text()
    page.get_by_role("button", name="Enregistrer l'appel").click()
    assert "2 présences enregistrées." in page.locator("#global_statusmessage").inner_text()
    assert page.locator("fieldset", has_text="Oscar Second").get_by_label("Présent").is_checked()
    screenshot("roll-call")

    page.goto(seance_url)
    page.locator("#seance-actions").get_by_role("link", name="Journal de preuve").click()
    assert "La chaîne est intacte" in page.locator("#journal-verification").inner_text()
    assert page.locator("#journal-table tbody tr", has_text="Appel").count() == 2
    screenshot("journal")
