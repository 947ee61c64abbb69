"""The agent's paper convocations in Chromium, at a desk and on a phone: labels, « posté le », an address (issue 11)."""

from io import BytesIO
from paper_world import on_paper
from pathlib import Path
from pypdf import PdfReader

import transaction


def test_the_agent_prints_the_labels_and_records_the_posting(
    functional, world_of, width_page, log_in, accessible, artifacts, request
):
    portal = functional["portal"].absolute_url()
    seance = on_paper(world_of).absolute_url()
    transaction.commit()
    page = width_page

    def screenshot(step):  # of this width's page (the fixture ``screenshot`` shows the desk's)
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)

    log_in(page, portal, "agent")
    page.goto(f"{seance}/@@courrier-papier")
    content = page.locator("#content")
    assert "Mme Odile Officielle" in content.inner_text()
    assert "Adresse postale manquante" in content.inner_text()
    accessible(page)
    screenshot("listed")

    with page.expect_download() as download:
        page.get_by_role("link", name="Étiquettes (PDF)").click()
    labels = PdfReader(BytesIO(Path(download.value.path()).read_bytes()))
    assert "Mme Odile Officielle" in labels.pages[0].extract_text()

    odile = page.get_by_role("checkbox", name="Mme Odile Officielle")
    oscar = page.get_by_role("checkbox", name="Oscar Second")
    assert odile.is_checked() and oscar.is_checked()
    oscar.uncheck()  # by keyboard too: the checkbox takes the focus and the space bar
    odile.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert odile.is_checked() and not oscar.is_checked()
    page.get_by_role("button", name="Enregistrer l'envoi postal").click()
    page.wait_for_url("**/@@courrier-papier")
    assert "Envoi postal enregistré le" in page.content()
    first = page.locator("#paper-recipients li").first
    assert "Mme Odile Officielle" in first.inner_text() and "Posté le" in first.inner_text()
    assert "Pas encore posté" in page.locator("#paper-recipients li").nth(1).inner_text()
    accessible(page)
    screenshot("posted")

    # Oscar has no address: the agent enters it where the page says it is missing, by keyboard.
    oscar_row = page.locator("#paper-recipients li").nth(1)
    assert "Saisissez-la avec « Saisir l'adresse » ci-dessous." in oscar_row.inner_text()
    summary = oscar_row.locator("summary")
    assert summary.inner_text().split() == ["Saisir", "l'adresse", ":", "Oscar", "Second"]
    summary.focus()
    page.keyboard.press("Enter")  # opens the disclosure
    box = page.get_by_label("Adresse postale de Oscar Second")
    assert box.is_visible()
    page.keyboard.press("Tab")
    assert box.evaluate("element => element === document.activeElement")
    page.keyboard.type("3 allée des Tilleuls")
    page.keyboard.press("Enter")
    page.keyboard.type("44300 Nantes")
    accessible(page)  # the open form too
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # « Enregistrer l'adresse »
    page.wait_for_url("**/@@courrier-papier")
    assert "Adresse postale de Oscar Second enregistrée." in page.locator("body").inner_text()
    oscar_row = page.locator("#paper-recipients li").nth(1)
    assert "3 allée des Tilleuls\n44300 Nantes" in oscar_row.locator("address").inner_text()
    assert oscar_row.locator("summary").inner_text().startswith("Corriger l'adresse")
    accessible(page)
    screenshot("address")
