"""The whole page, theme included, at a desk's and a phone's width: no axe-core violation, no sideways scroll.

The functional layer serves on http://localhost:<port>, themed (plone.app.theming leaves only
127.0.0.1 unthemed): what is checked is what people see.
"""

from plone import api
from plone.dexterity.utils import createContentInContainer

import transaction


def test_the_officials_pages(
    functional, world_of, width_page, log_in, accessible, artifacts, request
):
    page = width_page
    portal = functional["portal"].absolute_url()
    notified = world_of.seances["notified"].absolute_url()

    def check(step, url=None):
        if url:
            page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)
        accessible(page)

    check("login", f"{portal}/login")
    log_in(page, portal, "official")
    check("my-convocations")
    # The personal menu that replaces the toolbar, open.
    assert page.locator("#edit-zone").count() == 0
    page.locator("#convocation-personal-menu summary").click()
    logout = page.get_by_role("link", name="Se déconnecter")
    assert logout.is_visible()
    check("personal-menu")
    page.keyboard.press("Escape")
    check("seance-to-acknowledge", notified)
    page.get_by_role("button", name="J'accuse réception").click()
    check("seance-acknowledged")
    # The answers' radios are targets of 24 × 24 px at least (WCAG 2.2, 2.5.8).
    for choice in ("present", "absent", "proxy"):
        box = page.locator(f"#attendance-{choice}").bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (choice, box)
    check("convocation", world_of.convocations[("notified", "official")].absolute_url())
    check("privacy-notice", f"{world_of.town_a.absolute_url()}/@@donnees-personnelles")
    check("cancelled", world_of.seances["cancelled"].absolute_url())


def test_the_agents_plone_pages(
    functional, world_of, width_page, log_in, accessible, artifacts, request
):
    page = width_page
    portal = functional["portal"].absolute_url()
    with api.env.adopt_roles(["Manager"]):
        folder = createContentInContainer(functional["portal"], "Folder", title="Documents")
        createContentInContainer(folder, "Document", title="Une page", description="Résumé")
        createContentInContainer(folder, "Folder", title="Sous-dossier")
    transaction.commit()

    def check(step, url):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)
        accessible(page)

    log_in(page, portal, "agent")
    check("home", portal)
    check("folder-listing", folder.absolute_url())
    # The item's title is its one link in the listing (its empty icon link is gone).
    assert page.locator("#content").get_by_role("link", name="Une page").count() == 1
    check("seance-add", f"{world_of.council.absolute_url()}/++add++Seance")
    check("seance-edit", f"{world_of.seances['draft'].absolute_url()}/edit")
    check("folder-contents", f"{world_of.council.absolute_url()}/folder_contents")
    assert page.locator("#edit-zone").count() == 1
    # The add-on's own pages an agent opens beside the séance's page and its confirmations.
    notified = world_of.seances["notified"].absolute_url()
    for step, url in (
        ("deliveries", f"{notified}/@@deliveries"),
        ("journal", f"{notified}/@@journal"),
        ("mail-preview", f"{world_of.seances['draft'].absolute_url()}/@@mail-preview"),
        ("renotify", f"{notified}/@@renotify"),
        ("cancel", f"{notified}/@@annuler"),
        ("convocation", world_of.convocations[("notified", "official")].absolute_url()),
        ("archived", world_of.seances["archived"].absolute_url()),
        ("cancelled", world_of.seances["cancelled"].absolute_url()),
    ):
        check(step, url)


def test_the_account_pages(
    functional, world_of, width_page, log_in, accessible, artifacts, request
):
    """The official's preferences and password, from the personal menu; the administrator's accounts pages."""
    page = width_page
    portal = functional["portal"].absolute_url()
    town = world_of.town_a.absolute_url()

    def check(step, url):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=artifacts / f"{request.node.name}-{step}.png", full_page=True)
        accessible(page)

    log_in(page, portal, "official")
    check("preferences", f"{portal}/@@personal-information")
    check("password", f"{portal}/@@change-password")
    page.context.clear_cookies()
    log_in(page, portal, "admin")
    check("add-account", f"{town}/@@add-account")
    check("import-accounts", f"{town}/@@import-accounts")
