"""Bad input to the add-on's REST services (services/body.py, schemas.py) is a French 400 that never echoes it; nothing is written."""

from collective.convocation.schemas import BadInput
from collective.convocation.schemas import check_fields
from collective.convocation.schemas import Text
from collective.convocation.services.body import parse_object
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from world import PASSWORD
from world import userid

import json
import pytest
import requests
import transaction


HUGE = "A" * 1_000_000
AGENT = (userid("agent"), PASSWORD)
OFFICIAL = (userid("official"), PASSWORD)
OFFICIAL2 = (userid("official2"), PASSWORD)
MANAGER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def state(world):
    """What a bad request must leave as it was."""
    transaction.begin()
    seance = world.seances["notified"]
    return [
        (c.getId(), c.received_at, c.attendance, c.proxy_holder, c.actual, c.delivery)
        for c in seance.objectValues()
        if c.portal_type == "Convocation"
    ] + [len(api.portal.get().MailHost.messages)]


# Each POST service: who calls it, where, and the body fields it reads (a good body's keys).
POST_SERVICES = {
    "@receipt": (OFFICIAL2, lambda w: w.convocations[("notified", "official2")], "@receipt", {}),
    "@attendance": (
        OFFICIAL,
        lambda w: w.convocations[("notified", "official")],
        "@attendance",
        {"attendance": "proxy", "proxy_holder": userid("official2")},
    ),
    "@roll-call": (
        AGENT,
        lambda w: w.seances["notified"],
        "@roll-call",
        {"recipient": userid("official"), "actual": "present"},
    ),
    "@renotify": (
        AGENT,
        lambda w: w.seances["notified"],
        "@renotify",
        {"subject": "Rappel", "message": "Bonjour", "audience": "all"},
    ),
    "@resend": (AGENT, lambda w: w.convocations[("notified", "official")], "@resend", {}),
    "@reminders": (MANAGER, lambda w: api.portal.get(), "@reminders", {}),
}


def bodies(fields):
    """(name, body, content type) of each bad payload for a service reading ``fields``."""
    yield "malformed JSON", b'{"attendance": "present"', "application/json"
    yield "JSON array", json.dumps([fields or "x"]).encode(), "application/json"
    yield "JSON string", b'"present"', "application/json"
    yield "form-encoded", b"attendance=present&recipient=x", "application/x-www-form-urlencoded"
    yield "body over 256 KB", json.dumps({"padding": HUGE}).encode(), "application/json"
    for name in fields:
        for kind, value in [
            ("a list", [userid("official2")]),
            ("a number", 3),
            ("an object", {"value": "present"}),
            ("1 MB", "B" * 200_000),
        ]:
            yield (
                f"{name} as {kind}",
                json.dumps({**fields, name: value}).encode(),
                "application/json",
            )


CASES = [
    pytest.param(service, body, content_type, id=f"{service}-{name}")
    for service, (_, _, _, fields) in POST_SERVICES.items()
    for name, body, content_type in bodies(fields)
]


def looks_french(message):
    return any(word in message for word in ("champ", "corps", "requête", "objet"))


@pytest.mark.parametrize("service,body,content_type", CASES)
def test_bad_bodies_are_a_french_400_and_change_nothing(site, service, body, content_type):
    auth, where, name, _fields = POST_SERVICES[service]
    before = state(site)
    response = requests.post(
        f"{where(site).absolute_url()}/{name}",
        data=body,
        auth=auth,
        headers={"Accept": "application/json", "Content-Type": content_type},
        timeout=60,
    )
    assert response.status_code == 400, response.text[:300]
    message = response.json()["message"]
    assert looks_french(message), message
    assert len(message) < 200  # never the input back
    assert "AAAAAAAAAA" not in response.text and "BBBBBBBBBB" not in response.text
    assert state(site) == before


def test_a_good_body_still_works_once_refusals_are_checked(site):
    auth, where, name, fields = POST_SERVICES["@attendance"]
    response = requests.post(
        f"{where(site).absolute_url()}/{name}",
        json={**fields, "attendance": "present", "proxy_holder": None},
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200
    assert response.json()["attendance"] == "present"


def test_an_unknown_answer_is_refused_without_being_echoed_whole(site):
    auth, where, name, _fields = POST_SERVICES["@attendance"]
    response = requests.post(
        f"{where(site).absolute_url()}/{name}",
        json={"attendance": "C" * 41},
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Le champ « attendance » est trop long (40 caractères au plus)."
    )


# GET services with bad query parameters.
QUERIES = [
    ("@my-convocations", OFFICIAL, lambda w: api.portal.get(), "period", ("upcoming", "past")),
    ("@emargement", AGENT, lambda w: w.seances["notified"], "format", ("pdf", "csv")),
    ("@journal", AGENT, lambda w: w.seances["notified"], "format", ("json", "csv", "pdf")),
]
BAD_QUERIES = [
    ("unknown value", "{name}=xlsx"),
    ("long value", "{name}=" + "D" * 5000),
    ("repeated", "{name}={good}&{name}={good}"),
    ("record", "{name}.x:record=1"),
]


@pytest.mark.parametrize("query_name,query", BAD_QUERIES, ids=[q[0] for q in BAD_QUERIES])
@pytest.mark.parametrize("service,auth,where,name,good", QUERIES, ids=[q[0] for q in QUERIES])
def test_bad_query_parameters_are_a_french_400(
    site, service, auth, where, name, good, query_name, query
):
    response = requests.get(
        f"{where(site).absolute_url()}/{service}?{query.format(name=name, good=good[0])}",
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 400, response.text[:300]
    assert response.json()["message"] == (
        f"Le paramètre « {name} » prend l'une de ces valeurs : {', '.join(good)}."
    )
    assert "DDDDDDDDDD" not in response.text


@pytest.mark.parametrize("service", ["@tracking", "@dossier", "@zip"])
def test_services_without_parameters_ignore_stray_ones(site, service):
    response = requests.get(
        f"{site.seances['notified'].absolute_url()}/{service}?format=x&period:list=y",
        auth=AGENT,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200


# The rules themselves, without Plone.


def test_parse_object_takes_an_empty_body_as_an_empty_object():
    assert parse_object(b"") == {}
    assert parse_object(b'{"a": "b"}', "text/plain") == {"a": "b"}


@pytest.mark.parametrize(
    "body,content_type",
    [(b"{", ""), (b"[]", ""), (b"null", ""), (b"a=b", "application/x-www-form-urlencoded")],
)
def test_parse_object_refuses_what_is_not_an_object(body, content_type):
    with pytest.raises(BadInput):
        parse_object(body, content_type)


def test_check_fields_reads_only_the_fields_asked_for():
    fields = {"attendance": Text(max_length=10, required=True), "proxy": Text(default="")}
    assert check_fields({"attendance": "present", "other": [1]}, fields) == {
        "attendance": "present",
        "proxy": "",
    }
    for bad in ({}, {"attendance": 1}, {"attendance": "x" * 11}):
        with pytest.raises(BadInput):
            check_fields(bad, fields)


@pytest.mark.parametrize("service", ["@attendance", "@roll-call"])
def test_a_body_nested_thousands_deep_is_a_400_not_a_500(site, service):
    # plone.restapi's JWT plugin parses JSON bodies while authenticating: the RecursionError was a 500.
    auth, where, name, _fields = POST_SERVICES[service]
    before = state(site)
    response = requests.post(
        f"{where(site).absolute_url()}/{name}",
        data=b"[" * 100_000 + b"]" * 100_000,
        auth=auth,
        headers={"Accept": "application/json", "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Le corps de la requête imbrique trop de niveaux."
    assert state(site) == before


def test_too_deep_reads_brackets_outside_strings_only():
    from collective.convocation.services.body import too_deep

    assert too_deep(b"[" * 201 + b"]" * 201)
    assert not too_deep(b"[" * 200 + b"]" * 200)
    assert not too_deep(json.dumps({"text": "[" * 10_000, "escaped": '\\"[[[['}).encode())
