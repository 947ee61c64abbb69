"""The agent's agenda in Chromium: several annexes at once, the section's reorder buttons by keyboard (issue 11)."""

from collective.convocation.setuphandlers.demo import pdf
from plone import api
from plone.dexterity.utils import createContentInContainer

import re
import transaction


def add_agenda(seance):
    with api.env.adopt_roles(["Manager"]):
        for id_, number, title in (
            ("budget", "1", "Budget primitif"),
            ("travaux", "2", "Travaux"),
            ("voirie", "2.1", "Voirie"),
            ("personnel", "3", "Personnel"),
        ):
            createContentInContainer(seance, "AgendaItem", id=id_, number=number, title=title)
    transaction.commit()


def pdf_payload(name, title):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf(title)}


def test_agent_adds_three_annexes_at_once_and_reorders_the_agenda(
    functional, world_of, width_page, log_in, accessible, artifacts
):
    page = width_page
    width = page.viewport_size["width"]
    seance = world_of.seances["notified"]
    add_agenda(seance)
    portal, seance_url = functional["portal"].absolute_url(), seance.absolute_url()

    def shot(step):
        page.screenshot(path=artifacts / f"test_agenda-{width}-{step}.png", full_page=True)

    log_in(page, portal, "agent")
    page.goto(seance_url + "/travaux/@@ajouter-annexes")
    assert page.get_by_role("heading", name="Ajouter des annexes").is_visible()
    accessible(page)
    shot("add-annexes")

    # One bad file among two: none is added, the page names it and stays usable.
    field = page.get_by_label("Annexes (PDF)")
    field.set_input_files(
        [
            pdf_payload("devis.pdf", "Devis"),
            {"name": "note.pdf", "mimeType": "application/pdf", "buffer": b"pas un PDF"},
        ]
    )
    page.get_by_role("button", name="Ajouter les annexes").click()
    alert = page.get_by_role("alert")
    assert "Aucune annexe n'a été ajoutée" in alert.inner_text()
    assert "« note.pdf » : Ce fichier n'est pas un PDF lisible." in alert.inner_text()
    assert "devis.pdf" not in alert.inner_text()
    accessible(page)
    shot("refused")

    page.get_by_label("Annexes (PDF)").set_input_files(
        [
            pdf_payload("plan_de_masse.pdf", "Plan de masse"),
            pdf_payload("devis-entreprise.pdf", "Devis"),
            pdf_payload("avis du comité.pdf", "Avis"),
        ]
    )
    page.get_by_role("button", name="Ajouter les annexes").click()
    page.wait_for_url(re.compile(re.escape(seance_url) + "#agenda-travaux$"))
    assert "3 annexes ajoutées." in page.locator("#global_statusmessage").inner_text()
    shot("added")

    # The item's own page lists them too.
    page.goto(seance_url + "/travaux")
    assert page.get_by_role("heading", name="Point 2 - Travaux").is_visible()
    assert page.get_by_role("link", name="Avis du comité").is_visible()
    accessible(page)
    shot("item")

    page.goto(seance_url)
    fragment = page.request.get(seance_url + "/@@agenda-section").text()
    travaux = fragment[fragment.index('id="agenda-travaux"') : fragment.index('id="agenda-voirie"')]
    for title in ("Plan de masse", "Devis entreprise", "Avis du comité"):
        assert f">{title}</a>" in travaux

    # The section on the séance's page: accessible, and its buttons work by keyboard.
    accessible(page)
    button = page.get_by_role("button", name="Descendre : Point 2 - Travaux")
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    shot("section")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == seance_url + "#agenda-travaux"
    assert (
        "Point 3 - Travaux : descendu d'un rang."
        in page.locator("#global_statusmessage").inner_text()
    )
    fragment = page.request.get(seance_url + "/@@agenda-section").text()
    order = re.findall(r">(Point [\d.]+ - [^<]+)</a>", fragment)
    assert order == [
        "Point 1 - Budget primitif",
        "Point 2 - Personnel",
        "Point 3 - Travaux",
        "Point 3.1 - Voirie",
    ]
