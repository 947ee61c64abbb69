"""The official's path in Chromium: receipt, documents inline, a proxy; the holder reads it; a cancelled séance (issue 11)."""

from io import BytesIO
from pypdf import PdfReader

import pytest


@pytest.mark.parametrize("device,width", [("desk", 1280), ("phone", 390)])
def test_official_path(
    functional, world_of, chromium, artifacts, log_in, accessible, device, width
):
    portal = functional["portal"].absolute_url()
    notified, cancelled = (
        world_of.seances[state].absolute_url() for state in ("notified", "cancelled")
    )

    def shot(page, step):
        """Each page the official sees passes axe-core whole, and is kept as a screenshot."""
        accessible(page)
        name = (
            f"test_official_path-{step}"
            if device == "desk"
            else f"test_official_path-{device}-{step}"
        )
        page.screenshot(path=artifacts / f"{name}.png", full_page=True)

    # The holder acknowledges first: a colleague able to hold the proxy.
    holder = chromium.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = holder.new_page()
    log_in(page, portal, "official2")
    page.goto(notified)
    page.get_by_role("button", name="J'accuse réception").click()
    holder.close()

    giver = chromium.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = giver.new_page()
    log_in(page, portal, "official")
    assert page.url.endswith("/@@mes-convocations")
    if device == "phone":
        page.locator(".navbar-toggler").first.click()  # the menu, folded on a phone
    in_the_menu = page.locator("#portal-globalnav").get_by_role("link", name="Mes convocations")
    in_the_menu.wait_for(state="visible", timeout=10_000)
    assert in_the_menu.is_visible()
    if device == "phone":
        page.reload()  # the menu folded again
    page.get_by_role("link", name="Séance notified").click()
    panel = page.locator(".convocation-panel")
    page.get_by_role("button", name="J'accuse réception").click()
    assert "Réception accusée le " in panel.inner_text()
    assert "Répondre avant le dimanche 2 juin 2030 à 18h30." in panel.inner_text()
    # Documents open in the browser.
    link = panel.get_by_role("link", name="Convocation", exact=True)
    shown = page.request.get(link.get_attribute("href"))
    assert shown.headers["content-type"].startswith("application/pdf")
    assert shown.headers["content-disposition"].startswith("inline")
    assert "Convocation" in PdfReader(BytesIO(shown.body())).pages[0].extract_text()
    dossier = page.request.get(
        panel.get_by_role("link", name="Télécharger tout le dossier (PDF)").get_attribute("href")
    )
    assert dossier.body().startswith(b"%PDF")
    assert panel.get_by_role("link", name="Ajouter à mon agenda").count() == 1
    shot(page, "received")

    # A refused answer keeps the choice; then the proxy is given.
    panel.get_by_label("Donne pouvoir").check()
    panel.get_by_role("button", name="Enregistrer ma réponse").click()
    page.wait_for_load_state()  # the answer's page, whole: under load content() caught it half-drawn
    assert "Choisissez l'élu qui portera votre pouvoir." in page.content()
    assert panel.get_by_label("Donne pouvoir").is_checked()
    panel.get_by_label("Mandataire (si vous donnez pouvoir)").select_option(label="Oscar Second")
    panel.get_by_role("button", name="Enregistrer ma réponse").click()
    page.wait_for_load_state()
    assert "Votre réponse : Donne pouvoir : Oscar Second" in panel.inner_text()
    shot(page, "proxy-given")

    # A cancelled séance: « Annulée » and its reason.
    page.goto(portal + "/@@mes-convocations")
    card = page.locator("article.card", has_text="Séance cancelled")
    assert "Annulée" in card.inner_text() and "À accuser réception" not in card.inner_text()
    card.get_by_role("link", name="Séance cancelled").click()
    cancelled = page.locator(".convocation-cancelled")
    assert "Cette séance est annulée." in cancelled.inner_text()
    assert "Motif : Le quorum ne sera pas atteint." in cancelled.inner_text()
    shot(page, "cancelled")
    giver.close()

    # The holder reads whose proxy she holds.
    holder = chromium.new_context(locale="fr-FR", viewport={"width": width, "height": 844})
    page = holder.new_page()
    log_in(page, portal, "official2")
    # « Mes convocations » is in the main navigation, labelled in its menu on a phone.
    page.get_by_role("link", name="Séance notified").click()
    if device == "phone":
        page.locator(".navbar-toggler").first.click()
    nav = page.locator("#portal-globalnav").get_by_role("link", name="Mes convocations")
    nav.wait_for(state="visible")
    shot(page, "holder-menu")
    if device == "phone":
        page.keyboard.press("Escape")
    held = page.locator(".convocation-held")
    assert "Vous détenez le pouvoir d'Odile Officielle." in held.inner_text()
    # She attends to carry it: staying away is not offered, no answer leads to an error.
    labels = page.locator(".convocation-attendance .form-check-label").all_inner_texts()
    assert labels == ["Présent"]
    shot(page, "holder")
    holder.close()
