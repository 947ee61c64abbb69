"""An official, in Chromium: Mes convocations, the receipt, the documents, a proxy, then present."""

from email import message_from_bytes
from email import policy
from io import BytesIO
from pypdf import PdfReader
from world import PASSWORD
from world import userid

import pytest
import re


@pytest.fixture
def site(functional, world_of):
    world = world_of
    return {
        "portal": functional["portal"].absolute_url(),
        "seance": world.seances["notified"].absolute_url(),
        "convocation": world.convocations[("notified", "official")].absolute_url(),
    }


def test_official_acknowledges_reads_and_answers(site, page, screenshot, log_in):
    log_in(page, site["portal"], "official")
    assert page.url.endswith("/@@mes-convocations")
    assert page.locator("h1").first.inner_text() == "Mes convocations"
    assert (
        page.locator("a[href$='/@@mes-convocations']", has_text="Mes convocations").count() >= 1
    )  # personal menu
    card = page.locator("article.card", has_text="Séance notified")
    assert "À accuser réception" in card.inner_text()
    assert "Ville A — Conseil municipal" in card.inner_text()
    screenshot("mes-convocations")

    card.get_by_role("link", name="Séance notified").click()
    panel = page.locator(".convocation-panel")
    assert "Une convocation vous est adressée" in panel.inner_text()
    assert page.get_by_role("link", name="Rapport").count() == 0  # locked until the receipt
    screenshot("documents-locked")

    page.get_by_role("button", name="J'accuse réception").click()
    assert "Votre accusé de réception est enregistré" in page.content()
    assert "Réception accusée le " in panel.inner_text()
    screenshot("received")

    # The document opens in the browser (inline), not as a download.
    link = panel.get_by_role("link", name="Convocation", exact=True)
    assert "/@@display-file/" in link.get_attribute("href")
    shown = page.request.get(link.get_attribute("href"))
    assert shown.headers["content-disposition"].startswith("inline")
    pdf = PdfReader(BytesIO(shown.body()))
    assert "Convocation" in pdf.pages[0].extract_text()

    panel.get_by_label("Donne pouvoir").check()
    panel.get_by_label("Mandataire (si vous donnez pouvoir)").select_option(label="Oscar Second")
    panel.get_by_role("button", name="Enregistrer ma réponse").click()
    assert "Votre réponse : Donne pouvoir : Oscar Second" in panel.inner_text()
    screenshot("proxy-given")

    panel.get_by_label("Présent").check()
    panel.get_by_role("button", name="Enregistrer ma réponse").click()
    assert "Votre réponse : Présent" in panel.inner_text()
    panel.locator("summary", has_text="Vos réponses précédentes").click()
    answers = panel.locator("details li").all_inner_texts()
    assert len(answers) == 2 and answers[0].endswith("Présent") and "Oscar Second" in answers[1]
    screenshot("present")


def test_another_official_cannot_open_the_convocation(site, page, screenshot, log_in):
    log_in(page, site["portal"], "official2")
    page.goto(site["convocation"])
    assert "Privilèges insuffisants" in page.content()
    screenshot("refused")


def test_on_a_phone_with_the_keyboard(site, chromium, screenshot, request, log_in, artifacts):
    context = chromium.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    log_in(page, site["portal"], "invitee")
    assert page.url.endswith("/@@mes-convocations")
    fits = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(fits)  # no sideways scrolling
    page.get_by_role("link", name="Séance notified").click()
    assert "Vous êtes invité à cette séance" in page.content()
    button = page.get_by_role("button", name="J'accuse réception")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Réception accusée le " in page.locator(".convocation-panel").inner_text()
    # Invitees answer present or absent, nothing else.
    labels = page.locator(".convocation-attendance .form-check-label").all_inner_texts()
    assert labels == ["Présent", "Absent"]
    assert page.get_by_label("Mandataire (si vous donnez pouvoir)").count() == 0
    assert page.evaluate(fits)
    page.screenshot(path=artifacts / f"{request.node.name}-phone.png", full_page=True)
    context.close()


def mail_link(portal, convocation):
    """The link of the convocation mail the world sent for ``convocation``, as its recipient reads it."""
    for raw in portal.MailHost.messages:
        text = message_from_bytes(raw, policy=policy.default).get_body(("plain",)).get_content()
        found = re.search(rf"\S+@@mes-convocations\?convocation={convocation.UID()}", text)
        if found:
            return found.group(0)
    raise AssertionError(f"no mail links to {convocation.UID()}")


def test_the_mail_link_leads_to_my_convocations_where_the_receipt_is_one_click(
    functional, world_of, width_page, accessible, artifacts, request
):
    page = width_page
    convocation = world_of.convocations[("notified", "official")]
    link, uid = mail_link(functional["portal"], convocation), convocation.UID()
    page.goto(link)  # from the mail, not logged in yet
    page.fill("#__ac_name", userid("official"))
    page.fill("#__ac_password", PASSWORD)
    page.click("#buttons-login")
    # On « Mes convocations », scrolled to the mail's convocation: the keyboard goes on from there.
    page.wait_for_load_state()
    assert page.url == f"{link}#convocation-{uid}"
    card = page.locator(f"#convocation-{uid}")
    assert page.evaluate("document.querySelector(':target').id") == f"convocation-{uid}"
    # Scrolled (smoothly) until the card is at the top, or the page can scroll no further.
    page.wait_for_function(
        """() => {
            const top = document.querySelector(':target').getBoundingClientRect().top;
            const end = document.documentElement.scrollHeight - window.innerHeight;
            return Math.abs(top) < 2 || (top > 0 && window.scrollY >= end - 1);
        }"""
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Séance notified"
    assert page.locator("#content article.card").first.get_attribute("id") == card.get_attribute(
        "id"
    )
    assert "Nouvelle convocation" in card.inner_text()
    assert "À accuser réception" in card.inner_text()
    page.screenshot(path=artifacts / f"{request.node.name}-landed.png")
    accessible(page)

    button = card.get_by_role("button", name="J'accuse réception – Séance notified")
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    button.click()
    assert page.url == link
    assert "Votre accusé de réception est enregistré" in page.content()
    assert "Réception accusée" in card.inner_text()
    assert card.get_by_role("button").count() == 0
    accessible(page)
    # The séance is one link further: its documents open, the answer to give.
    card.get_by_role("link", name="Séance notified").click()
    assert "Réception accusée le " in page.locator(".convocation-panel").inner_text()
