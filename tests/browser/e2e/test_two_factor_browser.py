"""« Double authentification » in Chromium, at a desk and on a phone: turn it on with the QR code's
secret and a code, keep the recovery codes, then log in with the code."""

from world import PASSWORD
from world import userid

import pyotp


def test_turn_it_on_then_log_in_with_the_code(
    functional, world_of, width_page, log_in, accessible, artifacts, request, clock
):
    page = width_page
    portal = functional["portal"].absolute_url()
    with page.expect_navigation():
        log_in(page, portal, "official")
    page.goto(portal + "/@@double-authentification")
    content = page.locator("#content")
    assert content.get_by_role("heading", name="Double authentification").is_visible()
    accessible(page, within="#content")

    # By keyboard: the button takes the focus and Enter sends the form.
    content.get_by_role("button", name="Activer la double authentification").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    qr = page.locator("figure svg")
    assert qr.is_visible() and qr.bounding_box()["width"] <= 390
    assert "scannez-le avec votre application" in page.locator("figcaption").inner_text()
    secret = page.locator(".two-factor-secret").inner_text().replace(" ", "")
    accessible(page, within="#content")

    code = page.get_by_label("Code affiché par l'application")
    assert code.get_attribute("autocomplete") == "one-time-code"
    code.fill(pyotp.TOTP(secret).at(clock[0]))
    with page.expect_navigation():
        page.get_by_role("button", name="Activer", exact=True).click()
    assert "La double authentification est activée." in page.get_by_role("status").inner_text()
    recovery = page.locator(".two-factor-recovery li").all_inner_texts()
    assert len(recovery) == 10
    accessible(page, within="#content")
    page.screenshot(path=artifacts / f"{request.node.name}-codes.png", full_page=True)

    # Logged out, the password alone is refused; with the code of the next window, he is in.
    page.context.clear_cookies()
    clock[0] += 30
    page.goto(f"{portal}/login")
    page.fill("#__ac_name", userid("official"))
    page.fill("#__ac_password", PASSWORD)
    with page.expect_navigation():
        page.click("#buttons-login")
    assert "Ce compte utilise la double authentification" in page.inner_text("body")
    assert not [c for c in page.context.cookies() if c["name"] == "__ac"]
    field = page.get_by_label("Code de vérification (si la double authentification est activée)")
    assert field.get_attribute("inputmode") == "numeric"
    page.fill("#__ac_name", userid("official"))
    page.fill("#__ac_password", PASSWORD)
    field.fill(pyotp.TOTP(secret).at(clock[0]))
    with page.expect_navigation():
        page.click("#buttons-login")
    assert [c for c in page.context.cookies() if c["name"] == "__ac"]
    page.goto(portal + "/@@double-authentification")
    assert "Codes de secours restants : 10." in page.locator("#content").inner_text()
    accessible(page, within="#content")
