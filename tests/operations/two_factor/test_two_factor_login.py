"""Two-factor login (TOTP): a password alone never logs in a user who turned it on, on any path.

The login form, REST @login and HTTP Basic auth; a valid code (or a recovery code, once) completes
the login, and the session it opens (cookie or token) works as before.
"""

from collective.convocation.security import two_factor
from plone import api

import pyotp
import pytest
import re
import requests
import transaction


PASSWORD = "Un-mot-de-passe-2026"
MISSING = "Ce compte utilise la double authentification"
WRONG = "Code de vérification erroné ou déjà utilisé."


@pytest.fixture
def site(functional, clock):
    """Odile turned two-factor login on; Oscar did not. Returns (url, secret, recovery codes)."""
    portal = functional["portal"]
    with api.env.adopt_roles(["Manager"]):
        for login in ("odile@ville", "oscar@ville"):
            api.user.create(
                email=f"{login.split('@')[0]}@example.org", username=login, password=PASSWORD
            )
    secret = two_factor.start_enrolment("odile@ville")
    codes = two_factor.confirm_enrolment("odile@ville", pyotp.TOTP(secret).at(clock[0]))
    transaction.commit()
    clock[0] += 60  # the enrolment's code is spent: the tests use the next ones
    return portal.absolute_url(), secret, codes


def code_now(secret, clock):
    return pyotp.TOTP(secret).at(clock[0])


def form_login(url, login, password, otp=None):
    """The login form as a browser posts it: (the session, the page)."""
    session = requests.Session()
    data = {"__ac_name": login, "__ac_password": password, "buttons.login": "Se connecter"}
    if otp is not None:
        data["__ac_otp"] = otp
    response = session.post(url + "/login", data=data, timeout=30)
    return session, response


def logged_in(session, url, login):
    """Does the session's cookie open the user's own account (REST @users/<login>)?"""
    response = session.get(
        f"{url}/@users/{login}", headers={"Accept": "application/json"}, timeout=30
    )
    return response.status_code == 200


def rest_login(url, login, password, otp=None):
    body = {"login": login, "password": password}
    if otp is not None:
        body["otp"] = otp
    return requests.post(
        url + "/@login", json=body, headers={"Accept": "application/json"}, timeout=30
    )


def basic(url, login, password, path=""):
    return requests.get(
        f"{url}/@users/{login}{path}",
        auth=(login, password),
        headers={"Accept": "application/json"},
        timeout=30,
    )


def test_the_login_form_wants_the_code(site, clock):
    url, secret, _codes = site
    session, page = form_login(url, "odile@ville", PASSWORD)
    assert "__ac" not in session.cookies
    assert MISSING in page.text
    assert not logged_in(session, url, "odile@ville")

    session, page = form_login(url, "odile@ville", PASSWORD, otp="000000")
    assert "__ac" not in session.cookies
    assert WRONG in page.text

    session, _page = form_login(url, "odile@ville", PASSWORD, otp=code_now(secret, clock))
    assert "__ac" in session.cookies
    assert logged_in(session, url, "odile@ville")  # the session works without a code


def test_the_login_form_shows_the_code_field(site):
    url, _secret, _codes = site
    page = requests.get(url + "/login", timeout=30).text
    assert "Code de vérification (si la double authentification est activée)" in page
    assert 'name="__ac_otp"' in page
    assert 'autocomplete="one-time-code"' in page
    assert 'inputmode="numeric"' in page


def test_rest_login_wants_the_code(site, clock):
    url, secret, _codes = site
    refused = rest_login(url, "odile@ville", PASSWORD)
    assert refused.status_code == 401
    assert MISSING in refused.json()["error"]["message"]
    assert "token" not in refused.json()

    wrong = rest_login(url, "odile@ville", PASSWORD, otp="123456")
    assert wrong.status_code == 401
    assert wrong.json()["error"]["message"] == WRONG

    accepted = rest_login(url, "odile@ville", PASSWORD, otp=code_now(secret, clock))
    assert accepted.status_code == 200, accepted.text
    token = accepted.json()["token"]
    me = requests.get(
        f"{url}/@users/odile@ville",
        headers={"Accept": "application/json", "Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert me.status_code == 200
    assert me.json()["id"] == "odile@ville"


def test_basic_auth_never_logs_in_with_the_password_alone(site):
    url, _secret, _codes = site
    assert basic(url, "odile@ville", PASSWORD).status_code == 401
    assert basic(url, "oscar@ville", PASSWORD).status_code == 200


def test_a_code_works_once(site, clock):
    url, secret, _codes = site
    code = code_now(secret, clock)
    assert rest_login(url, "odile@ville", PASSWORD, otp=code).status_code == 200
    replayed = rest_login(url, "odile@ville", PASSWORD, otp=code)
    assert replayed.status_code == 401
    assert replayed.json()["error"]["message"] == WRONG
    clock[0] += 30  # the next window's code works
    assert rest_login(url, "odile@ville", PASSWORD, otp=code_now(secret, clock)).status_code == 200


def test_a_recovery_code_works_once(site):
    url, _secret, codes = site
    assert len(codes) == 10 and len(set(codes)) == 10
    session, _page = form_login(url, "odile@ville", PASSWORD, otp=codes[0])
    assert logged_in(session, url, "odile@ville")
    session, page = form_login(url, "odile@ville", PASSWORD, otp=codes[0])
    assert "__ac" not in session.cookies
    assert WRONG in page.text
    assert rest_login(url, "odile@ville", PASSWORD, otp=codes[1].upper()).status_code == 200
    transaction.begin()
    assert two_factor.recovery_left("odile@ville") == 8


def test_a_wrong_password_with_a_right_code_is_refused_and_spends_nothing(site, clock):
    url, secret, codes = site
    code = code_now(secret, clock)
    assert rest_login(url, "odile@ville", "Mauvais-mot-de-passe-1", otp=code).status_code == 401
    assert rest_login(url, "odile@ville", "Mauvais-mot-de-passe-1", otp=codes[0]).status_code == 401
    assert rest_login(url, "odile@ville", PASSWORD, otp=code).status_code == 200
    assert rest_login(url, "odile@ville", PASSWORD, otp=codes[0]).status_code == 200


def test_users_without_it_log_in_as_before(site):
    url, _secret, _codes = site
    session, _page = form_login(url, "oscar@ville", PASSWORD)
    assert logged_in(session, url, "oscar@ville")
    assert rest_login(url, "oscar@ville", PASSWORD).status_code == 200


def test_the_set_password_link_does_not_log_in_past_the_code(site, clock):
    from collective.convocation.operations.accounts import set_password_link

    url, secret, _codes = site
    link = set_password_link("odile@ville")
    transaction.commit()
    session = requests.Session()
    form = session.get(link, timeout=30).text
    assert 'name="password"' in form
    new = "Un-autre-mot-de-passe-2027"
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
    fields.update({"password": new, "password2": new, "userid": "odile@ville"})
    fields.setdefault("form.submitted", "1")
    session.post(link.split("?")[0], data=fields, timeout=30)
    assert "__ac" not in session.cookies  # no session without the code
    assert rest_login(url, "odile@ville", new).status_code == 401
    assert rest_login(url, "odile@ville", new, otp=code_now(secret, clock)).status_code == 200


def test_a_logged_in_user_changes_his_password_with_the_current_one(site, clock):
    url, secret, _codes = site
    session, _page = form_login(url, "odile@ville", PASSWORD, otp=code_now(secret, clock))
    form = session.get(url + "/@@change-password", timeout=30).text
    token = re.search(r'name="_authenticator" value="([^"]+)"', form).group(1)
    new = "Un-autre-mot-de-passe-2027"
    session.post(
        url + "/@@change-password",
        data={
            "_authenticator": token,
            "form.widgets.current_password": PASSWORD,
            "form.widgets.new_password": new,
            "form.widgets.new_password_ctl": new,
            "form.buttons.reset_passwd": "Modifier",
        },
        timeout=30,
    )
    clock[0] += 30
    assert rest_login(url, "odile@ville", new, otp=code_now(secret, clock)).status_code == 200


def test_guessing_codes_is_throttled_like_guessing_passwords(site, clock):
    url, secret, _codes = site
    guesses = ("111111", "222222", "333333", "444444", "555555")
    statuses = [
        rest_login(url, "odile@ville", PASSWORD, otp=guess).status_code for guess in guesses
    ]
    assert statuses == [401, 401, 401, 401, 429]  # the fifth wrong code locks the login
    locked = rest_login(url, "odile@ville", PASSWORD, otp=code_now(secret, clock))
    assert locked.status_code == 429
    assert "bloqué pendant 15 minutes" in locked.json()["error"]["message"]
