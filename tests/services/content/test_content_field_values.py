"""Values of the wrong type or size sent to content over REST are a French 400 (deserializer/); the record of a convocation is not editable."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from world import PASSWORD
from world import userid

import pytest
import requests
import transaction


AGENT = (userid("agent"), PASSWORD)
MANAGER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def test_a_patch_cannot_rewrite_the_record_of_a_convocation(site):
    """The receipt, the answer, the roll call and the sending are written by the rules only, never by an edit."""
    convocation = site.convocations[("notified", "official")]
    transaction.begin()
    before = {
        name: getattr(convocation, name)
        for name in (
            "sent_at",
            "delivery",
            "received_at",
            "received_via",
            "attendance",
            "proxy_holder",
            "answered_at",
            "actual",
        )
    }
    response = requests.patch(
        convocation.absolute_url(),
        json={
            "sent_at": "2020-01-01T09:00:00",
            "delivery": "sent",
            "received_at": "2020-01-01T09:00:00",
            "received_via": "email",
            "attendance": "proxy",
            "proxy_holder": userid("official2"),
            "answered_at": "2020-01-01T09:00:00",
            "actual": "present",
        },
        auth=AGENT,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code < 500
    transaction.begin()
    assert {name: getattr(convocation, name) for name in before} == before
    page = requests.get(f"{convocation.absolute_url()}/@@edit", auth=AGENT, timeout=60)
    assert page.status_code == 200
    assert 'name="form.widgets.received_at"' not in page.text


def patch_start(site, value):
    seance = site.seances["draft"]
    return requests.patch(
        seance.absolute_url(),
        json={"start": value},
        auth=AGENT,
        headers={"Accept": "application/json"},
        timeout=60,
    )


@pytest.mark.parametrize(
    "value",
    ["pas une date", "E" * 1_000_000, 20300601, ["2030-06-01"]],
    ids=["text", "1 MB", "number", "list"],
)
def test_a_bad_date_is_a_french_400_that_does_not_echo_it(site, value):
    transaction.begin()
    before = site.seances["draft"].start
    response = patch_start(site, value)
    assert response.status_code == 400
    assert "« start » attend une date et une heure" in response.json()["message"]
    assert "EEEEEEEEEE" not in response.text
    transaction.begin()
    assert site.seances["draft"].start == before


def test_changing_a_seance_start_keeps_its_paris_time_zone(site):
    response = patch_start(site, "2030-06-01T17:30:00+02:00")  # an hour earlier, before its end
    assert response.status_code == 204, response.text[:300]
    transaction.begin()
    start = site.seances["draft"].start
    assert (start.isoformat(), str(start.tzinfo)) == ("2030-06-01T17:30:00+02:00", "Europe/Paris")


CONTENT_FIELDS = [
    ("council", "kind", "F" * 100_000, "« kind » attend l'une des valeurs proposées."),
    ("council", "kind", {"a": 1}, "« kind » attend l'une des valeurs proposées."),
    ("council", "notice_days", "G" * 100_000, "« notice_days » attend un nombre entier."),
    ("council", "notice_days", 3.5, "« notice_days » attend un nombre entier."),
    ("council", "notice_days", True, "« notice_days » attend un nombre entier."),
    (
        "draft",
        "extra_invitees",
        [{"a": 1}],
        "Chaque élément de la liste attend l'une des valeurs proposées.",
    ),
]


@pytest.mark.parametrize(
    "where,field,value,message",
    CONTENT_FIELDS,
    ids=["choice-1MB", "choice-object", "int-1MB", "int-float", "int-bool", "list-of-objects"],
)
def test_wrong_types_in_content_fields_are_a_french_400(site, where, field, value, message):
    obj = site.council if where == "council" else site.seances[where]
    transaction.begin()
    before = getattr(obj, field)
    response = requests.patch(
        obj.absolute_url(),
        json={field: value},
        auth=MANAGER,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert "FFFFFFFFFF" not in response.text and "GGGGGGGGGG" not in response.text
    transaction.begin()
    assert getattr(obj, field) == before


def test_good_content_values_still_go_through(site):
    response = requests.patch(
        site.council.absolute_url(),
        json={"notice_days": " 5 ", "kind": {"token": "committee"}},
        auth=MANAGER,
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 204, response.text[:300]
    transaction.begin()
    assert (site.council.notice_days, site.council.kind) == (5, "committee")
