"""« Mon agenda » in « Mes convocations », in Chromium at a desk and on a phone: make the link, copy it, renew it, revoke it."""

import re
import requests


def test_my_calendar_section(
    functional, world_of, width_page, log_in, accessible, artifacts, request
):
    page = width_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    portal = functional["portal"].absolute_url()
    log_in(page, portal, "official")
    page.goto(portal + "/@@mes-convocations")
    section = page.locator("#mon-agenda")
    assert section.get_by_role("heading", name="Mon agenda").is_visible()
    assert "Abonnez votre téléphone ou votre messagerie" in section.inner_text()
    create = section.get_by_role("button", name="Créer mon lien")
    accessible(page, within="#content")

    # By keyboard: the button takes the focus and Enter sends the form.
    create.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    section = page.locator("#mon-agenda")
    assert "Votre lien d'agenda est prêt." in section.get_by_role("status").inner_text()
    field = section.get_by_label("Adresse de mon agenda")
    url = field.input_value()
    assert re.fullmatch(re.escape(portal) + r"/@@calendrier/[A-Za-z0-9_-]{43}\.ics", url)
    assert field.get_attribute("readonly") is not None
    subscribe = section.get_by_role("link", name="M'abonner à mon agenda")
    assert subscribe.get_attribute("href") == "webcal://" + url.split("://", 1)[1]
    qr = section.locator("figure svg")
    assert qr.is_visible() and qr.bounding_box()["width"] <= 390
    assert "scannez-le avec l'appareil photo" in section.locator("figcaption").inner_text()
    section.get_by_role("button", name="Copier le lien").click()
    page.wait_for_function("document.querySelector('.calendar-feed-copied').textContent !== ''")
    assert section.locator(".calendar-feed-copied").inner_text() == "Lien copié."
    assert page.evaluate("navigator.clipboard.readText()") == url
    accessible(page, within="#content")
    page.screenshot(path=artifacts / f"{request.node.name}-made.png", full_page=True)

    # A calendar client, without login, reads his séances.
    feed = requests.get(url, timeout=60)
    assert feed.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Conseil municipal — Ville A" in feed.text

    # Back later: the link is not shown again, only when it was made.
    page.goto(portal + "/@@mes-convocations")
    section = page.locator("#mon-agenda")
    assert "Vous avez créé votre lien d'agenda le " in section.inner_text()
    assert section.get_by_label("Adresse de mon agenda").count() == 0
    accessible(page, within="#content")

    # Renewed: a new address; the old one gives nothing.
    section.get_by_role("button", name="Révoquer et créer un nouveau lien").click()
    page.wait_for_load_state()
    renewed = page.locator("#mon-agenda").get_by_label("Adresse de mon agenda").input_value()
    assert renewed != url
    assert requests.get(url, timeout=60).status_code == 404
    assert requests.get(renewed, timeout=60).status_code == 200

    # Revoked: none left, and he may create one again.
    page.locator("#mon-agenda").get_by_role("button", name="Révoquer le lien").click()
    page.wait_for_load_state()
    assert (
        "Votre lien d'agenda est révoqué : son adresse ne donne plus rien."
        in page.locator("#global_statusmessage").inner_text()
    )
    assert page.locator("#mon-agenda").get_by_role("button", name="Créer mon lien").is_visible()
    assert requests.get(renewed, timeout=60).status_code == 404
    accessible(page, within="#content")
