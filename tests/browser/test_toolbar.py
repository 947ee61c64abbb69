"""Officials see no editing toolbar but a personal menu with « Se déconnecter »; agents keep the toolbar."""

from plone.testing.zope import Browser
from world import browser_as
from world import userid

import lxml.html


def page_as(functional, persona, url):
    browser = (
        browser_as(functional["app"], userid(persona)) if persona else Browser(functional["app"])
    )
    browser.open(url)
    return lxml.html.fromstring(browser.contents)


def test_an_official_has_a_personal_menu_and_no_toolbar(functional, world_of):
    portal = functional["portal"].absolute_url()
    for url in (
        world_of.seances["notified"].absolute_url(),
        world_of.convocations[("notified", "official")].absolute_url(),
        f"{portal}/@@mes-convocations",
    ):
        page = page_as(functional, "official", url)
        assert not page.cssselect("#edit-zone"), url
        links = {
            link.text_content().strip(): link.get("href")
            for link in page.cssselect("#convocation-personal-menu a")
        }
        assert links == {
            "Mes convocations": f"{portal}/@@mes-convocations",
            "Mon assiduité": f"{portal}/@@assiduite",
            "Mes préférences": f"{portal}/@@personal-information",
            "Changer mon mot de passe": f"{portal}/@@change-password",
            "Double authentification": f"{portal}/@@double-authentification",
            "Mes données (JSON)": f"{portal}/@@mes-donnees",
            "Se déconnecter": f"{portal}/logout",
        }, url
        menu = page.cssselect("#convocation-personal-menu")[0]
        assert menu.get("aria-label") == "Mon compte"
        assert " ".join(menu.cssselect("summary")[0].text_content().split()) == (
            "Mon compte Odile Officielle"
        )


def test_an_agent_keeps_the_toolbar(functional, world_of):
    # On the séance, and on the portal's root where the agent's role is not granted (its /view: the
    # bare front page sends her to her collectivity's home).
    root = functional["portal"].absolute_url() + "/view"
    for url in (world_of.seances["notified"].absolute_url(), root):
        page = page_as(functional, "agent", url)
        assert page.cssselect("#edit-zone"), url
        assert not page.cssselect("#convocation-personal-menu"), url
        # Its pin control is a button, named for a screen reader.
        assert page.cssselect("#edit-zone button.toolbar-collapse")[0].get("aria-label")


def test_anonymous_has_neither(functional, world_of):
    page = page_as(functional, None, functional["portal"].absolute_url() + "/login")
    assert not page.cssselect("#edit-zone, #convocation-personal-menu")
