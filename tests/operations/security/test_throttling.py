"""After 5 failed logins, a login is refused for a while on every path: the form, REST @login, Basic auth."""

from clients import rest_login
from collective.convocation.security import throttling
from concurrent.futures import ThreadPoolExecutor
from plone import api

import pytest
import requests
import time
import transaction


PASSWORD = "Un-mot-de-passe-2026"
LOCKED = "Trop d'échecs de connexion pour cet identifiant : il est bloqué pendant 15 minutes."


@pytest.fixture
def site(functional):
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        for login in ("odile@ville", "oscar@ville"):
            api.user.create(
                email=f"{login.split('@')[0]}@example.org", username=login, password=PASSWORD
            )
    transaction.commit()
    return portal.absolute_url()


def form_login(url, login, password):
    """The login form, as a browser posts it: (logged in?, page text)."""
    session = requests.Session()
    response = session.post(
        url + "/login",
        data={
            "__ac_name": login,
            "__ac_password": password,
            "buttons.login": "Se connecter",
            "came_from": "",
        },
        timeout=30,
    )
    return "__ac" in session.cookies, response.text


def basic_login(url, login, password):
    response = requests.get(
        url + "/@users/" + login,
        auth=(login, password),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    return response.status_code == 200, response


PATHS = [
    pytest.param(form_login, id="form"),
    pytest.param(rest_login, id="rest"),
    pytest.param(basic_login, id="basic"),
]


@pytest.mark.parametrize("log_in", PATHS)
def test_five_failures_lock_the_login_then_the_delay_frees_it(site, log_in, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(throttling, "clock", lambda: now[0])
    assert log_in(site, "odile@ville", PASSWORD)[0]
    for _try in range(5):
        assert not log_in(site, "odile@ville", "Mauvais-mot-de-passe-1")[0]
    assert not log_in(site, "odile@ville", PASSWORD)[0]  # the right password, refused
    assert log_in(site, "oscar@ville", PASSWORD)[0]  # another login is not affected
    now[0] += 14 * 60
    assert not log_in(site, "odile@ville", PASSWORD)[0]
    now[0] += 60
    assert log_in(site, "odile@ville", PASSWORD)[0]


def test_the_form_says_so_in_french(site):
    for _try in range(5):
        form_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
    logged_in, page = form_login(site, "odile@ville", PASSWORD)
    assert not logged_in
    assert LOCKED in page


def test_rest_login_answers_429_in_french(site):
    for _try in range(4):
        logged_in, response = rest_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
        assert response.status_code == 401
        assert response.json()["error"]["message"] == "Identifiant ou mot de passe incorrect."
    _, fifth = rest_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
    _, response = rest_login(site, "odile@ville", PASSWORD)
    for answer in (fifth, response):
        assert answer.status_code == 429
        assert answer.json()["error"]["message"].startswith(LOCKED)
        assert answer.headers["Retry-After"] == "900"


def test_basic_auth_is_refused_with_a_401(site):
    for _try in range(5):
        basic_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
    logged_in, response = basic_login(site, "odile@ville", PASSWORD)
    assert not logged_in and response.status_code == 401


def test_an_unknown_login_gets_the_same_answers_as_a_known_one(site):
    answers = {}
    for login in ("odile@ville", "personne@ville"):
        answers[login] = [
            (response.status_code, response.json()["error"]["message"])
            for _logged_in, response in (
                rest_login(site, login, "Mauvais-mot-de-passe-1") for _try in range(6)
            )
        ]
    assert answers["odile@ville"] == answers["personne@ville"]
    assert answers["odile@ville"][-1][0] == 429


def test_the_lockout_is_kept_in_the_database_for_every_process(site, functional):
    for _try in range(5):
        rest_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
    transaction.begin()  # what another process sees: the committed state
    plugin = functional["portal"].acl_users[throttling.PLUGIN_ID]
    assert plugin.failures("odile@ville").count == 5
    assert plugin.minutes_locked("odile@ville") == 15


def test_the_delay_is_a_registry_setting(site, functional):
    api.portal.set_registry_record(throttling.DELAY_RECORD, 2)
    transaction.commit()
    for _try in range(5):
        rest_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
    _, response = rest_login(site, "odile@ville", PASSWORD)
    assert response.status_code == 429
    assert "bloqué pendant 2 minutes" in response.json()["error"]["message"]


def test_good_logins_write_nothing(site, functional):
    db = functional["portal"]._p_jar.db()
    before = db.lastTransaction()
    for _try in range(3):
        assert rest_login(site, "oscar@ville", PASSWORD)[0]
    transaction.begin()
    plugin = functional["portal"].acl_users[throttling.PLUGIN_ID]
    assert plugin._p_serial <= before and plugin._failures._p_serial <= before


def test_the_upgrade_brings_an_existing_site_up_to_date(portal):
    from collective.convocation.security import policy
    from collective.convocation.upgrades.v1002.accounts import upgrade
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
    from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin

    # A site installed before: no plugins, no settings, members list members.
    throttling.remove_throttle(portal)
    policy.remove_password_rule(portal)
    registry = portal.portal_registry
    for name in (throttling.LIMIT_RECORD, throttling.DELAY_RECORD):
        del registry.records[name]
    portal.manage_permission("List portal members", ["Manager", "Member"], acquire=True)

    upgrade(portal.portal_setup)

    plugins = portal.acl_users.plugins
    assert plugins.listPluginIds(IAuthenticationPlugin)[0] == throttling.PLUGIN_ID
    assert plugins.listPluginIds(IValidationPlugin) == (policy.PLUGIN_ID,)
    assert throttling.settings() == (5, 15 * 60)
    assert {
        role["name"] for role in portal.rolesOfPermission("List portal members") if role["selected"]
    } == {"Manager", "Site Administrator"}


def test_ninety_wrong_passwords_test_only_four(site):
    started = time.monotonic()
    statuses = [
        rest_login(site, "odile@ville", f"Mauvais-mot-de-passe-{number}")[1].status_code
        for number in range(90)
    ]
    elapsed = time.monotonic() - started
    print(
        f"90 wrong passwords in {elapsed:.1f} s: {statuses.count(401)} answered 401, "
        f"{statuses.count(429)} refused with 429"
    )
    assert statuses == [401] * 4 + [429] * 86


def test_simultaneous_logins_neither_fail_nor_lose_failures(site, functional):
    with api.env.adopt_roles(["Manager"]):
        for number in range(8):
            api.user.create(
                email=f"u{number}@example.org", username=f"u{number}@ville", password=PASSWORD
            )
    transaction.commit()
    with ThreadPoolExecutor(max_workers=8) as pool:
        good = list(
            pool.map(lambda n: rest_login(site, f"u{n}@ville", PASSWORD)[1].status_code, range(8))
        )
        bad = list(
            pool.map(
                lambda n: rest_login(site, "odile@ville", f"Faux-{n}-mot-2026")[1].status_code,
                range(4),
            )
        )
    assert good == [200] * 8
    assert sorted(bad) == [401] * 4
    transaction.begin()
    assert functional["portal"].acl_users[throttling.PLUGIN_ID].failures("odile@ville").count == 4


def test_a_new_password_opens_a_locked_login_at_once(site, functional):
    from collective.convocation.operations.accounts import set_password_link
    from plone.testing.zope import Browser

    for _try in range(5):
        rest_login(site, "odile@ville", "Mauvais-mot-de-passe-1")
    assert rest_login(site, "odile@ville", PASSWORD)[1].status_code == 429
    link = set_password_link("odile@ville")
    transaction.commit()
    browser = Browser(functional["app"])
    browser.open(link)
    browser.getControl(name="userid").value = "odile@ville"
    browser.getControl(name="password").value = "Trois-petits-chats-2027"
    browser.getControl(name="password2").value = "Trois-petits-chats-2027"
    browser.getForm(name="pwreset_action").submit()
    assert rest_login(site, "odile@ville", "Trois-petits-chats-2027")[0]
