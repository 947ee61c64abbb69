"""A name typed with a line break is stored on one line: over REST, in Plone's form, and by the upgrade."""

from clients import rest
from plone import api
from world import browser_as
from world import PASSWORD
from world import userid

import transaction


def stored(persona, name):
    transaction.begin()  # what the other threads committed
    return api.user.get(userid=userid(persona)).getProperty(name)


def test_a_name_typed_with_a_line_break_is_stored_on_one_line(functional, world_of):
    transaction.commit()
    portal_url = functional["portal"].absolute_url()
    response = rest(
        "PATCH",
        "official",
        f"{portal_url}/@users/{userid('official')}",
        json={
            "fullname": "Odile Officielle\r\nBcc: evil@example.org",
            "first_name": "Odile\n",
            "last_name": "Officielle\u2028Bcc: evil@example.org",
            "civility": "Mme\r\n",
            "phone": "+33 6 12 34 56 78\x00",
        },
    )
    assert response.status_code == 204, response.text
    assert stored("official", "fullname") == "Odile Officielle Bcc: evil@example.org"
    assert stored("official", "first_name") == "Odile"
    assert stored("official", "last_name") == "Officielle Bcc: evil@example.org"
    assert stored("official", "civility") == "Mme"
    assert stored("official", "phone") == "+33 6 12 34 56 78"

    # Plone's personal information form: a line break is refused, other separators are cleaned.
    browser = browser_as(functional["app"], userid("official2"))
    browser.handleErrors = True
    browser.open(portal_url + "/@@personal-information")
    browser.getControl(name="form.widgets.fullname").value = "Oscar\r\nBcc: evil@example.org"
    browser.getControl(name="form.buttons.save").click()
    assert "Contrainte non satisfaite" in browser.contents  # zope.schema's TextLine
    assert stored("official2", "fullname") == "Oscar Second"
    browser.getControl(name="form.widgets.fullname").value = "Oscar\u2028Deux\x0b"
    browser.getControl(name="form.buttons.save").click()
    assert stored("official2", "fullname") == "Oscar Deux"


def test_the_upgrade_puts_the_names_stored_before_on_one_line(integration):
    from collective.convocation.upgrades.v1002.outputs import upgrade

    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="zoe@example.org", username="zoe", password=PASSWORD)
    storage = portal.acl_users.mutable_properties._storage
    storage["zoe"] = {**storage["zoe"], "fullname": "Zoé\r\nBcc: x", "last_name": "Mercier\n"}
    upgrade(None)
    zoe = api.user.get(userid="zoe")
    assert (zoe.getProperty("fullname"), zoe.getProperty("last_name")) == ("Zoé Bcc: x", "Mercier")
