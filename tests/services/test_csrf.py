"""Cross-site requests riding on the login cookie are refused; apps with a token and the portal's pages work."""

from collective.convocation.services.csrf import cross_site
from plone import api
from world import build
from world import PASSWORD
from world import userid

import json
import pytest
import re
import requests
import transaction


EVIL = "https://evil.example"
REFUSED = "Cette requête vient d'un autre site : elle est refusée."


@pytest.fixture
def world(functional):
    world = build(functional["portal"])
    transaction.commit()
    return world


def cookie_session(portal_url, persona):
    """A browser's session: the __ac cookie from the login form, as Plone sets it."""
    session = requests.Session()
    page = session.get(f"{portal_url}/login", timeout=60)
    button = re.search(
        r'name="([^"]*login[^"]*)"[^>]*type="submit"|type="submit"[^>]*name="([^"]*)"', page.text
    )
    fields = {"__ac_name": userid(persona), "__ac_password": PASSWORD, "came_from": ""}
    fields[button.group(1) or button.group(2)] = "Se connecter"
    session.post(f"{portal_url}/login", data=fields, timeout=60)
    assert "__ac" in session.cookies
    return session


def received(convocation):
    transaction.begin()  # see what the requests committed
    return convocation.received_at is not None


def post(client, url, body, content_type, **headers):
    """A POST to the API as a page of another site can make it: Accept and Content-Type need no preflight."""
    return client.post(
        url,
        data=body,
        headers={"Accept": "application/json", "Content-Type": content_type, **headers},
        timeout=60,
    )


RECEIPT_BODY = "{}"


@pytest.mark.parametrize(
    "content_type,headers",
    [
        ("text/plain", {"Origin": EVIL}),
        ("text/plain", {"Referer": f"{EVIL}/page.html"}),
        ("text/plain", {"Origin": "null"}),
        ("text/plain", {}),
        ("application/x-www-form-urlencoded", {}),
        ("multipart/form-data", {}),
        ("application/json", {"Origin": EVIL}),
    ],
    ids=[
        "plain-foreign-origin",
        "plain-foreign-referer",
        "plain-null-origin",
        "plain-nothing",
        "form-no-origin",
        "multipart-no-origin",
        "json-foreign-origin",
    ],
)
def test_a_cross_site_receipt_on_the_login_cookie_is_refused(
    world, functional, content_type, headers
):
    convocation = world.convocations[("notified", "official")]
    official = cookie_session(functional["portal"].absolute_url(), "official")
    url = f"{convocation.absolute_url()}/@receipt"
    if content_type == "multipart/form-data":  # requests writes the body and its boundary
        response = official.post(
            url, files={"a": ("a.txt", b"b")}, headers={"Accept": "application/json", **headers}
        )
    else:
        response = post(official, url, RECEIPT_BODY, content_type, **headers)
    assert response.status_code == 403
    assert REFUSED in response.json()["message"]
    assert not received(convocation)


def test_cross_site_answers_roll_calls_and_cancellations_are_refused(world, functional):
    portal_url = functional["portal"].absolute_url()
    seance = world.seances["notified"]
    convocation = world.convocations[("notified", "official")]
    with api.env.adopt_user(userid("official")):
        from collective.convocation.operations.answers import acknowledge

        acknowledge(convocation)
    transaction.commit()
    official = cookie_session(portal_url, "official")
    agent = cookie_session(portal_url, "agent")
    attempts = [
        (official, f"{convocation.absolute_url()}/@attendance", {"attendance": "absent"}),
        (
            agent,
            f"{seance.absolute_url()}/@roll-call",
            {"recipient": userid("official"), "actual": "present"},
        ),
        (agent, f"{seance.absolute_url()}/@renotify", {"subject": "Piège", "message": "Piège"}),
        (agent, f"{seance.absolute_url()}/@workflow/cancel", {"comment": "Piège"}),
    ]
    for session, url, body in attempts:
        response = post(session, url, json.dumps(body), "text/plain", Origin=EVIL)
        assert response.status_code == 403, url
        assert REFUSED in response.json()["message"]
    transaction.begin()
    assert convocation.attendance == "unanswered"
    assert convocation.actual is None
    assert api.content.get_state(seance) == "notified"
    assert not [m for m in functional["portal"].MailHost.messages if b"Pi\xc3\xa8ge" in m]


def jwt_token(portal_url, persona):
    response = requests.post(
        f"{portal_url}/@login",
        json={"login": userid(persona), "password": PASSWORD},
        headers={"Accept": "application/json"},
        timeout=60,
    )
    return response.json()["token"]


@pytest.mark.parametrize("auth", ["basic", "bearer"])
def test_apps_with_basic_or_a_token_are_not_concerned(world, functional, auth):
    convocation = world.convocations[("notified", "official")]
    app = requests.Session()
    if auth == "basic":
        app.auth = (userid("official"), PASSWORD)
    else:
        token = jwt_token(functional["portal"].absolute_url(), "official")
        app.headers["Authorization"] = f"Bearer {token}"
    response = post(
        app, f"{convocation.absolute_url()}/@receipt", RECEIPT_BODY, "text/plain", Origin=EVIL
    )
    assert response.status_code == 200
    assert received(convocation)


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "{site}"}, {"Referer": "{site}/plone/ville-a"}, {}],
    ids=["own-origin", "own-referer", "script-without-origin"],
)
def test_the_portal_own_json_requests_on_the_cookie_work(world, functional, headers):
    portal_url = functional["portal"].absolute_url()
    site = re.match(r"https?://[^/]+", portal_url).group(0)
    convocation = world.convocations[("notified", "official")]
    official = cookie_session(portal_url, "official")
    headers = {name: value.format(site=site) for name, value in headers.items()}
    response = post(
        official,
        f"{convocation.absolute_url()}/@receipt",
        RECEIPT_BODY,
        "application/json",
        **headers,
    )
    assert response.status_code == 200
    assert received(convocation)


def test_reading_from_another_origin_is_not_concerned(world, functional):
    convocation = world.convocations[("notified", "official")]
    official = cookie_session(functional["portal"].absolute_url(), "official")
    response = official.get(
        f"{convocation.absolute_url()}/@attendance",
        headers={"Accept": "application/json", "Origin": EVIL},
        timeout=60,
    )
    assert response.status_code == 200


def test_the_classic_ui_receipt_form_works_with_its_token_and_not_without(world, functional):
    seance = world.seances["notified"]
    convocation = world.convocations[("notified", "official")]
    official = cookie_session(functional["portal"].absolute_url(), "official")
    forged = official.post(
        f"{convocation.absolute_url()}/@@receipt", data={}, headers={"Origin": EVIL}, timeout=60
    )
    assert forged.status_code == 403
    assert not received(convocation)
    page = official.get(seance.absolute_url(), timeout=60)
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    response = official.post(
        f"{convocation.absolute_url()}/@@receipt", data={"_authenticator": token}, timeout=60
    )
    assert response.status_code == 200
    assert response.url.rstrip("/") == seance.absolute_url()
    assert received(convocation)


# The rule, without Plone.

SITE = "http://portal.example:8080"


@pytest.mark.parametrize(
    "request_,refused",
    [
        ({"method": "GET"}, False),
        ({"cookie_authenticated": False}, False),
        ({"origin": SITE}, False),
        ({"origin": "HTTP://PORTAL.EXAMPLE:8080"}, False),
        ({"origin": "https://portal.example", "host": "portal.example"}, False),
        ({"origin": "https://app.example", "trusted_origins": ("https://app.example",)}, False),
        ({"referer": SITE + "/plone/seance"}, False),
        ({"content_type": "application/json; charset=utf-8"}, False),
        ({"origin": EVIL}, True),
        ({"origin": EVIL, "content_type": "application/json"}, True),
        ({"origin": "null"}, True),
        ({"origin": "http://portal.example:8080.evil.example"}, True),
        ({"referer": EVIL + "/x", "content_type": "application/json"}, True),
        ({"content_type": "text/plain"}, True),
        ({"content_type": "application/x-www-form-urlencoded"}, True),
        ({"content_type": ""}, True),
        ({"origin": "not a url", "site_origin": ""}, True),
    ],
)
def test_cross_site_rule(request_, refused):
    arguments = {"method": "POST", "cookie_authenticated": True, "site_origin": SITE, **request_}
    assert cross_site(**arguments) is refused


def test_forged_classic_ui_posts_without_the_token_are_refused(world, functional):
    """A page of another site posting the portal's own forms with the login cookie, and no token."""
    portal = functional["portal"]
    seance = world.seances["notified"]
    convocation = world.convocations[("notified", "official")]
    with api.env.adopt_user(userid("official")):
        from collective.convocation.operations.answers import acknowledge

        acknowledge(convocation)
    transaction.commit()
    mails = len(portal.MailHost.messages)
    sessions = {
        persona: cookie_session(portal.absolute_url(), persona)
        for persona in ("official", "agent", "admin")
    }
    forged = [
        ("official", f"{convocation.absolute_url()}/@@attendance", {"attendance": "absent"}),
        (
            "agent",
            f"{seance.absolute_url()}/@@roll-call",
            {"recipient": userid("official"), "actual": "present"},
        ),
        (
            "agent",
            f"{seance.absolute_url()}/@@renotify",
            {
                "form.widgets.subject": "Piège",
                "form.widgets.message": "Piège",
                "form.widgets.audience:list": "all",
                "form.buttons.send": "Envoyer",
            },
        ),
        ("agent", f"{convocation.absolute_url()}/@@resend", {}),
        (
            "agent",
            f"{world.seances['draft'].absolute_url()}/@@send-convocations",
            {"form.buttons.send": "Envoyer"},
        ),
        (
            "agent",
            f"{seance.absolute_url()}/content_status_modify",
            {"workflow_action": "cancel"},
        ),
        (
            "admin",
            f"{world.town_a.absolute_url()}/@@add-account",
            {
                "form.widgets.first_name": "Pierre",
                "form.widgets.last_name": "Piège",
                "form.widgets.email": "piege@example.org",
                "form.widgets.role:list": "official",
                "form.buttons.create": "Créer",
            },
        ),
    ]
    for persona, url, data in forged:
        response = sessions[persona].post(url, data=data, headers={"Origin": EVIL}, timeout=60)
        assert response.status_code == 403, url
    transaction.begin()
    assert convocation.attendance == "unanswered"
    assert convocation.actual is None
    assert api.content.get_state(seance) == "notified"
    assert api.content.get_state(world.seances["draft"]) == "draft"
    assert len(portal.MailHost.messages) == mails
    assert not [
        user for user in api.user.get_users() if "piege" in (user.getProperty("email") or "")
    ]


def test_the_classic_ui_forms_work_with_the_token_they_carry(world, functional):
    """The renotify and new-account forms, posted as the browser posts them: with the page's token."""
    portal = functional["portal"]
    seance = world.seances["notified"]
    agent = cookie_session(portal.absolute_url(), "agent")
    admin = cookie_session(portal.absolute_url(), "admin")
    mails = len(portal.MailHost.messages)

    def post_form(session, url, fields):
        """The form as the browser posts it: its fields and the token its page carries."""
        page = session.get(url, timeout=60)
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text).group(1)
        return session.post(url, data={"_authenticator": token, **fields}, timeout=60)

    response = post_form(
        agent,
        f"{seance.absolute_url()}/@@renotify",
        {
            "form.widgets.subject": "Procès-verbal",
            "form.widgets.message": "Le procès-verbal est en ligne.",
            "form.widgets.audience:list": "all",
            "form.buttons.send": "Envoyer",
        },
    )
    assert response.status_code == 200
    assert "Message envoyé à 3 destinataires." in response.text
    response = post_form(
        admin,
        f"{world.town_a.absolute_url()}/@@add-account",
        {
            "form.widgets.first_name": "Nina",
            "form.widgets.last_name": "Nouvelle",
            "form.widgets.email": "nina@example.org",
            "form.widgets.role:list": "official",
            "form.buttons.create": "Créer",
        },
    )
    assert response.status_code == 200
    assert "Compte créé : nina.nouvelle@ville-a." in response.text
    transaction.begin()
    assert len(portal.MailHost.messages) > mails
    assert api.user.get(userid="nina.nouvelle@ville-a") is not None
