"""The personal bar's « Se connecter » pop-up, opened on the portal's front page, lands each person
where /login does: the official on « Mes convocations », the agent on her collectivity's home (issue 11).

The pop-up posts the login form by XHR then reloads the page it was opened on: the front page sends on.
"""

from world import PASSWORD
from world import userid


def log_in_by_the_popup(page, portal, persona):
    """Anonymous on the front page, the person clicks « Se connecter » and fills the pop-up."""
    page.goto(portal)
    page.get_by_role("link", name="Se connecter").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Identifiant").fill(userid(persona))
    dialog.get_by_label("Mot de passe").fill(PASSWORD)
    dialog.get_by_role("button", name="Se connecter").click()


def test_the_popup_lands_the_official_on_her_convocations(
    functional, world_of, width_page, accessible
):
    page = width_page
    log_in_by_the_popup(page, functional["portal"].absolute_url(), "official")
    page.wait_for_url("**/@@mes-convocations")
    assert page.locator("h1").first.inner_text() == "Mes convocations"
    assert page.locator("article.card", has_text="Séance notified").count() == 1
    accessible(page, within="#content")


def test_the_popup_lands_the_agent_on_her_collectivitys_home(
    functional, world_of, width_page, accessible
):
    page = width_page
    log_in_by_the_popup(page, functional["portal"].absolute_url(), "agent")
    page.wait_for_url(world_of.town_a.absolute_url())
    assert page.locator("h1").first.inner_text() == "Ville A"
    assert "Prochaines séances" in page.locator("#content").inner_text()
    accessible(page, within="#content")
