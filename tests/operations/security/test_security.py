"""DESIGN.md §3's security matrix, persona by persona, state by state."""

from collective.convocation import permissions
from collective.convocation.operations.answers import acknowledge
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from world import userid

import pytest


VIEW = "View"
MODIFY = "Modify portal content"
SCHEDULE = permissions.ModifySchedule
TRACKING = permissions.ViewTracking
SEND = permissions.SendConvocations
ANSWER = permissions.AnswerConvocation
ROLL_CALL = permissions.RecordAttendance

SEANCE_PERMISSIONS = (VIEW, MODIFY, SCHEDULE, TRACKING, SEND)
CONVOCATION_PERMISSIONS = (VIEW, MODIFY, ANSWER, ROLL_CALL)

STAFF_SEANCE = {
    "draft": {VIEW, MODIFY, SCHEDULE, TRACKING, SEND},
    "notified": {VIEW, MODIFY, TRACKING, SEND},  # documents, not date, place or convocation file
    "archived": {VIEW, TRACKING},
    "cancelled": {VIEW, TRACKING},
}
RECIPIENT_SEANCE = {"draft": set(), "notified": {VIEW}, "archived": {VIEW}, "cancelled": {VIEW}}
NOTHING = {"draft": set(), "notified": set(), "archived": set(), "cancelled": set()}

# persona -> séance state -> permissions held on the séance
SEANCE_MATRIX = {
    "anonymous": NOTHING,
    "official": RECIPIENT_SEANCE,
    "colleague": NOTHING,
    "invitee": RECIPIENT_SEANCE,
    "agent": STAFF_SEANCE,
    "admin": STAFF_SEANCE,
    "other_agent": NOTHING,
}

# (persona, whose convocation, séance state) -> permissions held on that convocation
CONVOCATION_MATRIX = {
    ("official", "official", "notified"): {VIEW, ANSWER},
    ("official", "official", "archived"): {VIEW},
    ("official", "official", "cancelled"): {VIEW},
    ("official", "official2", "notified"): set(),
    ("official", "invitee", "notified"): set(),
    ("invitee", "invitee", "notified"): {VIEW, ANSWER},
    ("invitee", "invitee", "archived"): {VIEW},
    ("invitee", "official", "notified"): set(),
    ("colleague", "official", "notified"): set(),
    ("anonymous", "official", "notified"): set(),
    ("agent", "official", "notified"): {VIEW, MODIFY, ROLL_CALL},
    ("agent", "invitee", "notified"): {VIEW, MODIFY, ROLL_CALL},
    ("agent", "official", "archived"): {VIEW},
    ("admin", "official", "notified"): {VIEW, MODIFY, ROLL_CALL},
    ("other_agent", "official", "notified"): set(),
    ("other_agent", "official", "archived"): set(),
}


def next_request():
    """The next page: local roles (cached on the request by borg.localrole) and the user's
    groups (the séances they acknowledged) are worked out again."""
    from zope.annotation.interfaces import IAnnotations

    IAnnotations(api.portal.get().REQUEST).clear()
    user = api.user.get_current()
    if not api.user.is_anonymous():
        login(api.portal.get(), user.getId())


def held(persona, obj, candidates):
    if persona == "anonymous":
        logout()
    else:
        login(api.portal.get(), userid(persona))
    return {permission for permission in candidates if api.user.has_permission(permission, obj=obj)}


@pytest.mark.parametrize("state", ["draft", "notified", "archived", "cancelled"])
@pytest.mark.parametrize("persona", list(SEANCE_MATRIX))
def test_seance_cell(world, persona, state):
    seance = world.seances[state]
    expected = SEANCE_MATRIX[persona][state]
    assert held(persona, seance, SEANCE_PERMISSIONS) == expected
    # The séance's documents: edited as the séance is; the recipients read them once they
    # acknowledged, and all of them once it is archived (the minutes with it).
    document = seance["rapport"]
    recipient = persona in ("official", "invitee")
    assert held(persona, document, (VIEW, MODIFY)) == (
        ({VIEW} if state == "archived" else set()) if recipient else expected & {VIEW, MODIFY}
    )


@pytest.mark.parametrize("state", ["notified", "cancelled"])
@pytest.mark.parametrize("persona", ["official", "invitee"])
def test_documents_open_to_a_recipient_once_received(world, persona, state):
    from AccessControl import Unauthorized
    from AccessControl.ZopeGuards import guarded_getattr

    seance = world.seances[state]
    login(api.portal.get(), userid(persona))
    with pytest.raises(Unauthorized):
        guarded_getattr(seance, "convocation_file")
    world.convocations[(state, persona)].received_at = None
    acknowledge(world.convocations[(state, persona)])
    next_request()
    assert held(persona, seance["rapport"], (VIEW, MODIFY)) == {VIEW}
    assert guarded_getattr(seance, "convocation_file").filename == "convocation.pdf"
    # Another recipient's receipt opens nothing to this one.
    other = "official2" if persona == "official" else "official"
    login(api.portal.get(), userid(other))
    next_request()
    assert not api.user.has_permission(VIEW, obj=seance["rapport"])


@pytest.mark.parametrize(
    "persona,owner,state",
    list(CONVOCATION_MATRIX),
    ids=["-".join(key) for key in CONVOCATION_MATRIX],
)
def test_convocation_cell(world, persona, owner, state):
    convocation = world.convocations[(state, owner)]
    assert (
        held(persona, convocation, CONVOCATION_PERMISSIONS)
        == CONVOCATION_MATRIX[(persona, owner, state)]
    )


@pytest.mark.parametrize("state", ["archived", "cancelled"])
def test_archived_is_read_only_for_the_manager_too(world, portal, state):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    seance = world.seances[state]
    for obj in (seance, seance["rapport"], world.convocations[(state, "official")]):
        assert not api.user.has_permission(MODIFY, obj=obj)
        assert not api.user.has_permission("Add portal content", obj=obj)
    assert api.user.has_permission(VIEW, obj=seance)


def test_official_finds_in_the_catalog_only_what_is_theirs(world, portal):
    login(portal, userid("official"))
    found = {brain.getPath().split("/", 2)[2] for brain in api.content.find(path="/plone/ville-a")}
    notified = "ville-a/conseil/seance-notified"
    assert notified in found
    assert f"{notified}/rapport" not in found  # until the receipt
    acknowledge(world.convocations[("notified", "official")])
    next_request()
    found = {brain.getPath().split("/", 2)[2] for brain in api.content.find(path="/plone/ville-a")}
    assert f"{notified}/rapport" in found
    assert f"{notified}/convocation-official-ville-a" in found
    assert f"{notified}/convocation-official2-ville-a" not in found
    assert "ville-a/conseil/seance-draft" not in found
    assert "ville-a/conseil" not in found  # mandates and settings are the agents' business


def test_other_agent_finds_nothing_of_another_collectivity(world, portal):
    login(portal, userid("other_agent"))
    assert len(api.content.find(path="/plone/ville-a")) == 0
    assert {brain.portal_type for brain in api.content.find(path="/plone/ville-b")} == {
        "Collectivity",
        "Assembly",
    }


# persona -> séance state -> transitions offered
TRANSITIONS = {
    persona: {"draft": [], "notified": [], "archived": [], "cancelled": []}
    for persona in ("anonymous", "official", "colleague", "invitee", "other_agent")
}
for staff in ("agent", "admin"):
    TRANSITIONS[staff] = {
        "draft": ["notify"],
        # « Classer » once the séance has started: the notified one is in 2030
        "notified": ["cancel"],
        "archived": [],
        "cancelled": [],
    }


@pytest.mark.parametrize("state", ["draft", "notified", "archived", "cancelled"])
@pytest.mark.parametrize("persona", list(TRANSITIONS))
def test_transitions_offered(world, persona, state):
    seance = world.seances[state]
    if persona == "anonymous":
        logout()
    else:
        login(api.portal.get(), userid(persona))
    offered = sorted(
        t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(seance)
    )
    assert offered == TRANSITIONS[persona][state]
