"""« Double authentification »: a user turns two-factor login on with a code, keeps his recovery codes,
turns it off with a code; an agent whose collectivity requires it does nothing else until enrolled."""

from collective.convocation.security import two_factor
from plone import api
from world import PASSWORD
from world import userid

import pyotp
import re
import requests
import transaction


PAGE = "/@@double-authentification"


def form_login(url, persona, otp=None):
    session = requests.Session()
    data = {"__ac_name": userid(persona), "__ac_password": PASSWORD, "buttons.login": "Connexion"}
    if otp is not None:
        data["__ac_otp"] = otp
    response = session.post(url + "/login", data=data, timeout=30)
    return session, response


def post(session, url, page, **form):
    token = re.search(r'name="_authenticator" value="([^"]+)"', page).group(1)
    return session.post(url + PAGE, data={"_authenticator": token, **form}, timeout=30)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def enrol(session, url, clock):
    """Turn it on through the page: (the secret, the recovery codes shown)."""
    page = session.get(url + PAGE, timeout=30).text
    started = post(session, url, page, action="start").text
    secret = re.search(r'class="two-factor-secret[^"]*">([A-Z2-7 ]+)<', started).group(1)
    secret = secret.replace(" ", "")
    done = post(session, url, started, action="confirm", code=pyotp.TOTP(secret).at(clock[0]))
    codes = re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>", done.text)
    clock[0] += 30
    return secret, codes, done


def test_an_official_turns_it_on_then_needs_the_code_then_turns_it_off(functional, world_of, clock):
    url = functional["portal"].absolute_url()
    session, _page = form_login(url, "official")
    page = session.get(url + PAGE, timeout=30)
    assert page.headers["Cache-Control"] == "no-store"
    assert "La double authentification n'est pas activée pour votre compte." in text(page.text)

    started = post(session, url, page.text, action="start").text
    assert "<svg" in started and "QR code de la clé secrète de votre compte" in text(started)
    wrong = post(session, url, started, action="confirm", code="000000")
    assert "Code de vérification erroné : saisissez le code" in text(wrong.text)
    transaction.begin()
    assert not two_factor.is_enabled(userid("official"))  # a wrong code turns nothing on

    # The secret shown is the pending one: confirming it turns it on, and shows 10 codes once.
    secret = re.search(r'class="two-factor-secret[^"]*">([A-Z2-7 ]+)<', wrong.text).group(1)
    secret = secret.replace(" ", "")
    done = post(session, url, wrong.text, action="confirm", code=pyotp.TOTP(secret).at(clock[0]))
    codes = re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>", done.text)
    assert len(set(codes)) == 10
    assert "La double authentification est activée." in text(done.text)
    again = session.get(url + PAGE, timeout=30).text
    assert not any(code in again for code in codes)  # shown once only
    assert "Codes de secours restants : 10." in text(again)
    transaction.begin()
    stored = str(dict(two_factor.record(userid("official"))))
    assert not any(code in stored for code in codes)  # kept hashed

    clock[0] += 30
    assert "__ac" not in form_login(url, "official")[0].cookies
    session, _page = form_login(url, "official", otp=pyotp.TOTP(secret).at(clock[0]))
    assert "__ac" in session.cookies

    page = session.get(url + PAGE, timeout=30).text
    refused = post(session, url, page, action="disable", code="000000")
    assert "Code de vérification erroné ou déjà utilisé." in text(refused.text)
    off = post(session, url, refused.text, action="disable", code=codes[0])
    assert "La double authentification est désactivée." in text(off.text)
    assert "__ac" in form_login(url, "official")[0].cookies  # the password alone, as before


def test_the_page_is_for_logged_in_users_only(functional, world_of):
    url = functional["portal"].absolute_url()
    response = requests.get(url + PAGE, timeout=30, allow_redirects=False)
    assert response.status_code in (302, 401)
    assert "two-factor-secret" not in response.text


def test_an_agent_of_a_collectivity_that_requires_it_does_nothing_else(functional, world_of, clock):
    url = functional["portal"].absolute_url()
    town_a = world_of.town_a
    town_a.require_agent_two_factor = True
    town_a.reindexObject(idxs=["agents_need_two_factor"])  # as its edit form does
    transaction.commit()

    session, landed = form_login(url, "agent")
    assert landed.url == url + PAGE  # sent there after his password login
    assert "Votre collectivité exige la double authentification de ses agents" in text(landed.text)
    blocked = session.get(town_a.absolute_url(), timeout=30, allow_redirects=False)
    assert blocked.status_code == 302
    assert blocked.headers["Location"] == url + PAGE
    rest = session.get(town_a.absolute_url(), headers={"Accept": "application/json"}, timeout=30)
    assert rest.status_code == 403
    assert "Votre collectivité exige la double authentification" in rest.json()["message"]
    token = requests.post(
        url + "/@login",
        json={"login": userid("agent"), "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert token.status_code == 403 and "token" not in token.json()
    # An official of the same collectivity is not asked, nor the other collectivity's agent.
    for persona in ("official", "other_agent"):
        other, _page = form_login(url, persona)
        me = other.get(
            url + "/@users/" + userid(persona), headers={"Accept": "application/json"}, timeout=30
        )
        assert me.status_code == 200

    secret, _codes, _done = enrol(session, url, clock)
    assert session.get(town_a.absolute_url(), timeout=30).status_code == 200
    page = session.get(url + PAGE, timeout=30).text
    kept = post(session, url, page, action="disable", code=pyotp.TOTP(secret).at(clock[0]))
    assert "Votre collectivité exige la double authentification : elle reste activée." in text(
        kept.text
    )
    assert "__ac" not in form_login(url, "agent")[0].cookies  # now the code is asked
    clock[0] += 30
    session, _page = form_login(url, "agent", otp=pyotp.TOTP(secret).at(clock[0]))
    assert session.get(town_a.absolute_url(), timeout=30).status_code == 200


def test_the_upgrade_adds_the_plugin_right_after_the_throttling(portal):
    from collective.convocation.security import throttling
    from collective.convocation.upgrades.v1004.two_factor import upgrade
    from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin

    plugins = portal.acl_users.plugins
    assert plugins.listPluginIds(IAuthenticationPlugin)[:2] == (
        throttling.PLUGIN_ID,
        two_factor.PLUGIN_ID,
    )
    two_factor.remove_two_factor(portal)  # a site installed before
    assert two_factor.PLUGIN_ID not in plugins.listPluginIds(IAuthenticationPlugin)
    upgrade(portal.portal_setup)
    upgrade(portal.portal_setup)  # twice changes nothing
    ids = plugins.listPluginIds(IAuthenticationPlugin)
    assert ids[:2] == (throttling.PLUGIN_ID, two_factor.PLUGIN_ID)
    assert ids.index(two_factor.PLUGIN_ID) < ids.index("source_users")


def test_the_upgrade_indexes_the_collectivities_that_require_it(world, portal):
    from collective.convocation.security.two_factor_required import collectivities_requiring
    from collective.convocation.upgrades.v1004.two_factor import upgrade

    portal.portal_catalog.delIndex("agents_need_two_factor")  # a site of 1003
    world.town_a.require_agent_two_factor = True
    upgrade(portal.portal_setup)
    agent = api.user.get(userid=userid("agent"))
    assert [c.getPhysicalPath() for c in collectivities_requiring(agent)] == [
        world.town_a.getPhysicalPath()
    ]
    assert collectivities_requiring(api.user.get(userid=userid("official"))) == []


def test_only_an_administrator_requires_it(functional, world_of):
    town_a = world_of.town_a
    for persona in ("agent", "admin"):
        requests.patch(
            town_a.absolute_url(),
            json={"require_agent_two_factor": True},
            auth=(userid(persona), PASSWORD),
            headers={"Accept": "application/json"},
            timeout=30,
        )
        transaction.begin()
        assert bool(town_a.require_agent_two_factor) == (persona == "admin"), persona
