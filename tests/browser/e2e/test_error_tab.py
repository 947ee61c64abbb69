"""In Chromium: an edit form back with a refused upload opens on the tab holding the error."""

from world import PASSWORD
from world import userid

import pytest
import transaction


@pytest.fixture
def draft_url(world_of):
    url = world_of.seances["draft"].absolute_url()
    transaction.commit()
    return url


def test_refused_pdf_brings_the_form_back_on_its_tab(functional, draft_url, page, screenshot):
    portal = functional["portal"].absolute_url()
    page.goto(f"{portal}/login")
    page.fill("#__ac_name", userid("agent"))
    page.fill("#__ac_password", PASSWORD)
    page.click("#buttons-login")

    page.goto(draft_url + "/edit")
    page.get_by_role("link", name="Documents").click()
    page.locator("#form-widgets-synthesis_file-input").set_input_files(
        {"name": "synthese.pdf", "mimeType": "application/pdf", "buffer": b"Pas un PDF."}
    )
    page.get_by_role("button", name="Enregistrer").click()
    error = page.get_by_text("Ce fichier n'est pas un PDF lisible.").first
    error.wait_for(state="visible", timeout=10000)  # on the « Documents » tab, opened
    assert page.locator(".autotoc-nav a.active").inner_text() == "Documents"
    # The refused file is not offered as « Garder le fichier existant »
    assert page.locator("#form-widgets-synthesis_file-nochange").count() == 0
    screenshot("documents-tab")
