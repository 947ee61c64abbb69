"""« Assiduité » in Chromium, at a desk and on a phone: the agent's figures, charts and tables,
then an official's own figures reached from his personal menu; axe-core finds nothing."""

from world import userid

import pytest
import transaction


@pytest.fixture
def answered(world_of):
    convocations = world_of.convocations
    for (state, persona), declared, actual, holder in (
        (("notified", "official"), "present", "present", None),
        (("notified", "official2"), "proxy", None, userid("official")),
        (("archived", "official"), "remote", "present", None),
        (("archived", "official2"), "present", "absent", None),
    ):
        convocation = convocations[(state, persona)]
        convocation.attendance, convocation.actual, convocation.proxy_holder = (
            declared,
            actual,
            holder,
        )
        convocation.reindexObject()
    transaction.commit()
    return world_of


def test_attendance_page(functional, answered, width_page, log_in, accessible, artifacts, request):
    page = width_page

    def screenshot(step):
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)

    portal = functional["portal"].absolute_url()
    log_in(page, portal, "agent")
    page.goto(answered.town_a.absolute_url() + "/@@assiduite")
    # The period by keyboard: the start field, then « Afficher ».
    start = page.get_by_label("Du", exact=True)
    start.focus()
    start.fill("2026-01-01")
    page.get_by_label("Au", exact=True).fill("2030-12-31")
    page.get_by_role("button", name="Afficher").press("Enter")
    page.wait_for_url("**from=2026-01-01**")
    officials = page.locator("#attendance-officials-table")
    assert "Oscar Second" in officials.inner_text()
    assert page.get_by_role("img", name="Présence à l'appel par élu").count() == 1
    assert page.get_by_role("img", name="Taux de présence par séance").count() == 1
    assert "100 %" in page.locator("#attendance-seances-table").inner_text()
    # The wide tables scroll inside their own region, reachable by keyboard.
    assert page.locator(".attendance-scroll[tabindex='0']").count() == 2
    accessible(page, within="#content")
    screenshot("agent")

    page.context.clear_cookies()
    log_in(page, portal, "official2")
    page.goto(portal + "/@@mes-convocations")
    page.locator("#convocation-personal-menu summary").click()
    page.get_by_role("link", name="Mon assiduité").click()
    page.wait_for_url("**/@@assiduite")
    assert page.locator("h1").inner_text().startswith("Mon assiduité")
    assert "Odile Officielle" not in page.content()
    page.get_by_label("Du", exact=True).fill("2026-01-01")
    page.get_by_label("Au", exact=True).fill("2030-12-31")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_url("**from=2026-01-01**")
    assert "Oscar Second" in page.locator("#attendance-officials-table").inner_text()
    accessible(page, within="#content")
    screenshot("official")
