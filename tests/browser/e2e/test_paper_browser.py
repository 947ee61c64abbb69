"""The agent's paper convocations in Chromium, at a desk and on a phone: labels, « posté le » (issue 11)."""

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

    odile = page.get_by_label("Mme Odile Officielle")
    oscar = page.get_by_label("Oscar Second")
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
