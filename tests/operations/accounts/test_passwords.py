"""The CNIL's password rule (délibération 2022-100), wherever a password is set."""

from clients import rest_login
from collective.convocation.operations.accounts import set_password_link
from collective.convocation.security.passwords import kinds
from collective.convocation.security.passwords import password_problem
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import pytest
import requests
import transaction


TOO_SHORT = (
    "Le mot de passe doit compter au moins 12 caractères mêlant minuscules, majuscules, "
    "chiffres et caractères spéciaux, ou au moins 14 caractères."
)
COMMON = "Ce mot de passe fait partie des plus courants : choisissez-en un autre."
GOOD = "Un-mot-de-passe-2026"
NEW = "Trois-petits-chats-2027"


@pytest.mark.parametrize(
    "password",
    [
        "Saint-Demo-2026",  # the demo's
        "Un-mot-de-passe-2026",  # the tests'
        "Aa1!aaaaaaaa",  # 12, the 4 kinds
        "quatorzelettre",  # 14 of one kind
        "correct horse battery staple",
    ],
)
def test_good_passwords(password):
    assert password_problem(password) is None


@pytest.mark.parametrize(
    "password",
    [
        "",
        "Aa1!aaaaaaa",  # 11, the 4 kinds
        "Aa1aaaaaaaaaa",  # 13, 3 kinds
        "treizelettres",  # 13 of one kind
    ],
)
def test_too_short_or_too_plain(password, portal):
    assert api.portal.translate(password_problem(password)) == TOO_SHORT


@pytest.mark.parametrize(
    "password", ["123456789qwerty", "Azertyuiop12345", "Password2026!!", "MARSEILLE2026!!"]
)
def test_common_passwords_even_dressed_up(password, portal):
    assert api.portal.translate(password_problem(password)) == COMMON


def test_kinds():
    assert kinds("abc") == 1 and kinds("aB1") == 3 and kinds("aB1é!") == 4


@pytest.fixture
def site(functional):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="odile@example.org", username="odile@ville", password=GOOD)
    transaction.commit()
    return functional


def logs_in(site, login, password):
    return rest_login(site["portal"].absolute_url(), login, password)[0]


def choose(browser, link, password):
    browser.open(link)
    browser.getControl(name="userid").value = "odile@ville"
    browser.getControl(name="password").value = password
    browser.getControl(name="password2").value = password
    browser.getForm(name="pwreset_action").submit()


def test_the_set_password_link_applies_the_rule_and_serves_once(site):
    link = set_password_link("odile@ville")
    transaction.commit()
    browser = Browser(site["app"])
    choose(browser, link, "court")
    assert TOO_SHORT in browser.contents
    choose(browser, link, "azertyuiop12345")
    assert COMMON in browser.contents
    assert not logs_in(site, "odile@ville", "azertyuiop12345")
    choose(browser, link, NEW)
    assert "/passwordreset/" not in browser.url
    assert logs_in(site, "odile@ville", NEW)

    again = Browser(site["app"])
    again.open(link)
    assert 'name="password"' not in again.contents
    assert "il semble que ce soit une requête invalide" in again.contents
    assert logs_in(site, "odile@ville", NEW)


def browser_as(site, login, password):
    browser = Browser(site["app"])
    browser.addHeader("Authorization", f"Basic {login}:{password}")
    return browser


def test_the_personal_password_form(site):
    browser = browser_as(site, "odile@ville", GOOD)
    browser.open(site["portal"].absolute_url() + "/@@change-password")
    browser.getControl(name="form.widgets.current_password").value = GOOD
    browser.getControl(name="form.widgets.new_password").value = "Password2026!!"
    browser.getControl(name="form.widgets.new_password_ctl").value = "Password2026!!"
    browser.getControl(name="form.buttons.reset_passwd").click()
    assert COMMON in browser.contents
    assert logs_in(site, "odile@ville", GOOD)


def test_the_new_user_form(site):
    browser = browser_as(site, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    browser.open(site["portal"].absolute_url() + "/@@new-user")
    browser.getControl(name="form.widgets.email").value = "paul@example.org"
    browser.getControl(name="form.widgets.username").value = "paul@ville"
    browser.getControl(name="form.widgets.password").value = "motdepasse"
    browser.getControl(name="form.widgets.password_ctl").value = "motdepasse"
    browser.getControl(name="form.buttons.register").click()
    assert TOO_SHORT in browser.contents
    transaction.begin()
    assert api.user.get(username="paul@ville") is None


def rest(site, method, path, auth, **body):
    return requests.request(
        method,
        site["portal"].absolute_url() + path,
        json=body,
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=30,
    )


ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def test_rest_user_creation(site):
    response = rest(
        site,
        "POST",
        "/@users",
        ADMIN,
        username="paul@ville",
        email="p@example.org",
        password="court",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == TOO_SHORT
    transaction.begin()
    assert api.user.get(username="paul@ville") is None
    response = rest(
        site, "POST", "/@users", ADMIN, username="paul@ville", email="p@example.org", password=NEW
    )
    assert response.status_code == 201


def test_rest_patch_by_a_manager_keeps_everything_when_the_password_is_refused(site):
    response = rest(
        site, "PATCH", "/@users/odile@ville", ADMIN, email="neuf@example.org", password="court"
    )
    assert response.status_code == 400
    assert response.json()["message"] == TOO_SHORT
    transaction.begin()
    assert api.user.get(username="odile@ville").getProperty("email") == "odile@example.org"
    assert logs_in(site, "odile@ville", GOOD)
    assert rest(site, "PATCH", "/@users/odile@ville", ADMIN, password=NEW).status_code == 204
    assert logs_in(site, "odile@ville", NEW)


def test_rest_reset_password_with_the_old_one(site):
    response = rest(
        site,
        "POST",
        "/@users/odile@ville/reset-password",
        ("odile@ville", GOOD),
        old_password=GOOD,
        new_password="Azertyuiop12345",
    )
    assert response.status_code == 400
    assert response.json()["message"] == COMMON
    assert logs_in(site, "odile@ville", GOOD)


def test_rest_reset_password_with_a_token(site):
    token = set_password_link("odile@ville").split("/passwordreset/")[1].split("?")[0]
    transaction.commit()
    response = rest(
        site,
        "POST",
        "/@users/odile@ville/reset-password",
        None,
        reset_token=token,
        new_password="court",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == TOO_SHORT
    assert logs_in(site, "odile@ville", GOOD)
