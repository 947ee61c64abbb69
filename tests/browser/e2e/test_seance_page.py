"""An agent, in Chromium, on a desk and on a phone: a draft séance's page, the sending, then the reminder."""

import re


def test_agent_sends_a_draft_then_reminds_from_the_seance_page(
    functional, world_of, width_page, log_in, accessible, artifacts, request
):
    page = width_page
    portal = functional["portal"].absolute_url()
    draft = world_of.seances["draft"].absolute_url()

    def shot(step):
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)

    log_in(page, portal, "agent")
    page.goto(draft)
    status = page.locator("#seance-status")
    assert "Brouillon" in status.inner_text()
    assert "À envoyer au plus tard le mardi 28 mai 2030" in status.inner_text()
    assert "Quorum : 2 sur 2 membres en exercice." in status.inner_text()
    accessible(page)
    shot("draft")

    page.locator("#seance-actions").get_by_role("link", name="Envoyer les convocations").click()
    assert page.url.endswith("/@@send-convocations")
    assert "Odile Officielle" in page.locator("#content").inner_text()
    accessible(page)
    page.locator("#content").get_by_role("button", name="Envoyer les convocations").click()
    page.wait_for_url(draft)
    assert "L'envoi des convocations a commencé : suivez-le sur cette page." in page.content()
    # The page follows the sending done in the background, then shows its result.
    page.locator("#seance-sending").get_by_text(
        re.compile(r"^Envoi terminé : (\d+) / \1$")
    ).wait_for(timeout=60_000)
    assert "Convoquée" in page.locator("#seance-status").inner_text()
    assert "Délai de convocation respecté" in page.locator("#seance-status").inner_text()
    accessible(page)
    shot("sent")

    page.locator("#seance-actions").get_by_role("link", name="Relancer les non-répondants").click()
    preview = page.locator("#remind-preview")
    assert "Objet : Rappel : Conseil municipal du " in preview.inner_text()
    assert "Ivan Invité" in page.locator("#remind-audience").inner_text()
    accessible(page)
    shot("remind")
    page.get_by_role("button", name="Envoyer la relance").click()
    page.wait_for_url(draft)
    assert "Relance envoyée à 3 destinataires." in page.content()
    accessible(page)

    # The other confirmations, as they open before the séance's day: readable at this width too.
    for view, shown in (
        ("renotify", "Qui recevra le message"),
        ("annuler", "Motif de l'annulation (obligatoire)"),
        ("classer", "La séance n'a pas encore commencé"),
        ("proces-verbal", "Le procès-verbal s'ajoute une fois la séance commencée"),
    ):
        page.goto(f"{draft}/@@{view}")
        assert shown in page.locator("#content").inner_text()
        accessible(page)
