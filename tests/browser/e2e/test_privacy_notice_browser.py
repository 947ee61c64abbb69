"""An official's first login, in Chromium: the personal data notice, acknowledged once, then his data."""

from world import userid

import json
import pytest
import transaction


@pytest.fixture
def site(functional, world_of):
    world = world_of
    world.town_a.dpo_name = "Jeanne Martin"
    world.town_a.dpo_email = "dpd@ville-a.fr"
    transaction.commit()
    return {
        "portal": functional["portal"].absolute_url(),
        "seance": world.seances["notified"].absolute_url(),
    }


def test_the_notice_is_shown_at_the_first_login_until_acknowledged(site, page, screenshot, log_in):
    log_in(page, site["portal"], "official")
    assert page.url.endswith("/@@mes-convocations")
    notice = page.locator(".privacy-pending")
    assert "Vos données personnelles" in notice.inner_text()
    assert "traitées par Ville A" in notice.inner_text()
    assert "auprès de Jeanne Martin (dpd@ville-a.fr)" in notice.inner_text()
    screenshot("notice")

    # Still there on the next page, until he says he read it.
    page.goto(site["seance"])
    assert page.locator(".privacy-pending").count() == 1
    page.get_by_role("button", name="J'en ai pris connaissance").click()
    assert page.url == site["seance"]
    assert "Merci : vous avez pris connaissance" in page.content()
    assert page.locator(".privacy-pending").count() == 0
    screenshot("acknowledged")

    # Remembered across logins.
    page.goto(f"{site['portal']}/logout")
    log_in(page, site["portal"], "official")
    assert page.url.endswith("/@@mes-convocations")
    assert page.locator(".privacy-pending").count() == 0

    # « Mes convocations » leads to the notice's page and to his data.
    page.get_by_role("link", name="Notice sur les données personnelles de Ville A").click()
    assert page.locator("h1").first.inner_text() == "Données personnelles — Ville A"
    assert "dpd@ville-a.fr" in page.locator(".privacy-dpo").inner_text()
    screenshot("notice-page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    assert download.value.suggested_filename == "mes-donnees.json"
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["profile"]["id"] == userid("official")
    assert data["privacy_notices"][0]["acknowledged"]["at"]
