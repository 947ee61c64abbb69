"""The datasets of `make bench`, built small: real Convocations, catalogued as the sending leaves them."""

from collective.convocation.content.convocation import recipient_id
from collective.convocation.operations.my_convocations import my_convocations
from collective.convocation.setuphandlers import bench_data
from plone import api

import pytest


@pytest.fixture
def bench(portal):
    made = bench_data.base(portal, officials=7, small=3)
    return portal[bench_data.SUFFIX], made


def records(path):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.getIndexDataForUID(path), catalog.getMetadataForUID(path)


def path_of(obj):
    return "/".join(obj.getPhysicalPath())


def test_base_has_the_officials_assemblies_and_seances(bench):
    town, made = bench
    assert len(made["council"]) == 7 and len(made["bureau"]) == 3
    user = api.user.get(userid=bench_data.official(6))
    assert user.getProperty("email") == "elu00006@banc.example"
    assert user.getProperty("fullname") == "Élu6 Banc6"
    assert "ConvocationAgent" in api.user.get_roles(username=bench_data.AGENT, obj=town)
    assert api.content.get_state(town["conseil"]["envoi"]) == "draft"
    receipts = town["conseil"]["accuses-1"]
    assert api.content.get_state(receipts) == "notified"
    convocation = receipts[recipient_id(bench_data.official(3))]
    assert convocation.received_at is None and convocation.delivery == "sent"
    # The recipient is the owner who may acknowledge receipt, and nobody else.
    assert api.user.has_permission(
        "collective.convocation: Answer convocation",
        username=bench_data.official(3),
        obj=convocation,
    )
    assert not api.user.has_permission("View", username=bench_data.official(4), obj=convocation)


def test_a_convocation_is_catalogued_as_the_sending_leaves_it(bench):
    """The same official's convocation, sent by the notify transition and made by convoke:
    the same index values and metadata, but for what names the object and its séance."""
    town, made = bench
    council = town["conseil"]
    with api.env.adopt_roles(["Manager"]):
        sent = bench_data.add_seance(council, bench_data.seance_start(20), "sent")
        api.content.transition(obj=sent, transition="notify")  # mails to the mock MailHost
        built = bench_data.convoke(
            bench_data.add_seance(council, bench_data.seance_start(20), "built"), made["council"]
        )
    userid = bench_data.official(2)
    real, real_metadata = records(path_of(sent[recipient_id(userid)]))
    fast, fast_metadata = records(path_of(built[recipient_id(userid)]))
    own = {"UID", "path", "created", "modified", "effective", "Date", "SearchableText", "Title"}
    own |= {"allowedRolesAndUsers"}  # compared below, the séance's readers group aside
    assert {key: value for key, value in fast.items() if key not in own} == {
        key: value for key, value in real.items() if key not in own
    }
    assert real["portal_type"] == "Convocation" and real["convocation_recipient"] == userid
    assert fast["allowedRolesAndUsers"] == real["allowedRolesAndUsers"]
    tracking = dict(fast_metadata.pop("convocation_tracking"))
    real_tracking = dict(real_metadata.pop("convocation_tracking"))
    assert tracking.pop("sent_at") and real_tracking.pop("sent_at")  # when each was made
    assert tracking == real_tracking
    assert tracking["name"] == "Élu2 Banc2" and tracking["delivery"] == "sent"
    moving = {"UID", "created", "modified", "effective", "Date", "CreationDate", "ModificationDate"}
    moving |= {"EffectiveDate", "seance_uid", "getURL", "getPath", "seance_title", "Title"}
    assert {key: value for key, value in fast_metadata.items() if key not in moving} == {
        key: value for key, value in real_metadata.items() if key not in moving
    }
    # The séance: the same state, and open to the same people (its own readers group aside).
    for seance in (sent, built):
        seance_index, _metadata = records(path_of(seance))
        assert seance_index["review_state"] == "notified"
        assert f"user:{userid}" in seance_index["allowedRolesAndUsers"]


def test_fill_catalogues_every_convocation_and_the_reader_keeps_his(bench, portal):
    people = [bench_data.official(n) for n in range(7)]
    assert bench_data.fill(portal, people, 30, seats=3, mine=4) == 10
    convocations = api.content.find(portal_type="Convocation", path=filler_paths(portal))
    # 10 séances of 3 officials, the reader in the first two
    assert len(convocations) == 32
    objects = {path_of(brain._unrestrictedGetObject()) for brain in convocations}
    assert objects == {brain.getPath() for brain in convocations}
    assert bench_data.fill(portal, people, 45, seats=3, mine=4) == 4
    upcoming = my_convocations(bench_data.READER, "upcoming")
    past = my_convocations(bench_data.READER, "past")
    assert [item["seance"]["state"] for item in upcoming] == ["notified", "notified"]
    assert [item["seance"]["state"] for item in past] == ["archived", "archived"]
    assert {item["assembly"] for item in upcoming} == {"Conseil 1", "Conseil 2"}
    assert {item["collectivity"] for item in past} == {"Ville 1"}
    # Growing the site convokes the others, not the reader.
    assert bench_data.fill(portal, people, 60, seats=3, mine=4) == 5
    assert len(api.content.find(portal_type="Convocation", path=filler_paths(portal))) == 61
    assert my_convocations(bench_data.READER, "upcoming") == upcoming
    assert my_convocations(bench_data.READER, "past") == past


def filler_paths(portal):
    return [path_of(portal[f"ville-0{n}"]) for n in range(1, 6)]
