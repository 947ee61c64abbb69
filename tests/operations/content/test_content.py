"""The six types: FTIs, containment, defaults and catalog data."""

from collective.convocation.content.convocation import create_convocation
from collective.convocation.operations.answers import acknowledge
from datetime import datetime
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.dexterity.utils import createContentInContainer
from zoneinfo import ZoneInfo
from zope.annotation.interfaces import IAnnotations

import pytest


# portal_type -> (global_allow, allowed_content_types, add permission)
FTIS = {
    "Collectivity": (True, {"Assembly"}, "collective.convocation.AddCollectivity"),
    "Assembly": (False, {"Mandate", "Seance"}, "collective.convocation.AddAssembly"),
    "Mandate": (False, set(), "collective.convocation.AddMandate"),
    "Seance": (False, {"AgendaItem", "File", "EasyForm"}, "collective.convocation.AddSeance"),
    "AgendaItem": (False, {"File"}, "collective.convocation.AddAgendaItem"),
    "Convocation": (False, set(), "collective.convocation.AddConvocation"),
}


@pytest.mark.parametrize("portal_type", list(FTIS))
def test_fti(portal, portal_type):
    fti = api.portal.get_tool("portal_types")[portal_type]
    global_allow, allowed, permission = FTIS[portal_type]
    assert fti.global_allow is global_allow
    assert fti.filter_content_types
    assert set(fti.allowed_content_types) == allowed
    assert fti.add_permission == permission


@pytest.fixture
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    return portal


def addable(container):
    return {fti.getId() for fti in container.allowedContentTypes()}


def test_containment(world, manager):
    seance = world.seances["draft"]
    assert "Collectivity" in addable(manager)
    assert addable(world.town_a) == {"Assembly"}
    assert addable(world.council) == {"Mandate", "Seance"}
    assert addable(seance) == {"AgendaItem", "File", "EasyForm"}
    item = api.content.create(container=seance, type="AgendaItem", title="Budget", number="1")
    assert addable(item) == {"File"}
    for container, portal_type in [
        (manager, "Assembly"),
        (manager, "Seance"),
        (world.town_a, "Seance"),
        (world.council, "AgendaItem"),
        (seance, "Mandate"),
        (item, "AgendaItem"),
    ]:
        with pytest.raises(ValueError):
            container.invokeFactory(portal_type, "refused")


def test_convocation_cannot_be_added_by_hand(world, manager):
    seance = world.seances["notified"]
    assert "Convocation" not in addable(seance)
    with pytest.raises(ValueError):
        seance.invokeFactory("Convocation", "by-hand")
    fti = api.portal.get_tool("portal_types")["Convocation"]
    assert not fti.isConstructionAllowed(seance)


def test_seance_defaults_from_assembly_title_and_zone(manager):
    town = api.content.create(
        container=manager, type="Collectivity", title="Ville", login_suffix="ville"
    )
    council = api.content.create(
        container=town, type="Assembly", title="Conseil", allow_remote=True, allow_proxy=False
    )
    # The form gives naive datetimes: they are Paris time.
    seance = createContentInContainer(
        council, "Seance", start=datetime(2027, 3, 28, 18, 30), location="Mairie"
    )
    assert seance.getId() == "seance-du-28-mars-2027"
    assert seance.title == "Séance du 28 mars 2027"
    assert seance.allow_remote is True
    assert seance.allow_proxy is False
    assert seance.start.utcoffset().total_seconds() == 2 * 3600  # summer time from that day
    brain = api.content.find(UID=seance.UID())[0]
    assert brain.Title == "Séance du 28 mars 2027"
    assert brain.assembly_title == "Conseil"
    assert brain.collectivity_title == "Ville"
    assert brain.seance_start == seance.start


def test_mandate_title_and_activity(world, manager):
    mandate = world.council["odile-officielle-conseiller-municipal"]
    assert mandate.title == "Odile Officielle — Conseiller municipal"
    assert mandate.is_active(datetime(2026, 3, 22).date())
    assert not mandate.is_active(datetime(2026, 3, 21).date())
    mandate.end = datetime(2026, 12, 31).date()
    assert not mandate.is_active(datetime(2027, 1, 1).date())


@pytest.mark.parametrize(
    "kind,population,large_rules,applies",
    [
        ("commune", 3499, False, False),
        ("commune", 3500, False, True),
        ("commune", None, False, False),
        ("epci", 2000, True, True),  # an EPCI that includes a commune of 3,500 or more
    ],
)
def test_large_rules(manager, kind, population, large_rules, applies):
    collectivity = api.content.create(
        container=manager,
        type="Collectivity",
        title="Collectivité",
        login_suffix="collectivite",
        kind=kind,
        population=population,
        large_rules=large_rules,
    )
    assert collectivity.applies_large_rules is applies
    assert "[collectivité]" in collectivity.rgpd_notice


def test_convocation_catalog_data(world, manager):
    convocation = world.convocations[("notified", "official")]
    assert convocation.getId() == "convocation-official-ville-a"
    assert convocation.title == "Odile Officielle"
    assert convocation.attendance == "unanswered"
    brains = api.content.find(convocation_recipient="official@ville-a", sort_on="seance_start")
    # the archived séance took place (it can only be archived once started): it comes first
    assert [brain.getObject().aq_parent.title for brain in brains] == [
        "Séance archived",
        "Séance notified",
        "Séance cancelled",
    ]
    brain = brains[1]
    assert brain.convocation_category == "convocation"
    assert brain.convocation_received is False
    assert brain.convocation_attendance == "unanswered"
    assert brain.assembly_title == "Conseil municipal"
    assert brain.collectivity_title == "Ville A"
    assert brain.seance_start == world.seances["notified"].start
    convocation.received_at = datetime(2030, 5, 20, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    convocation.attendance = "present"
    convocation.reindexObject()
    assert len(api.content.find(convocation_received=True, convocation_attendance="present")) == 1
    invitation = api.content.find(
        convocation_category="invitation",
        seance_start={"query": world.seances["notified"].start, "range": "min"},
    )
    assert {brain.convocation_recipient for brain in invitation} == {"invitee@ville-a"}


def test_recipient_roles_are_granted_once(world, manager):
    seance = world.seances["notified"]
    assert "Official" in seance.get_local_roles_for_userid("official@ville-a")
    assert "Invitee" in seance.get_local_roles_for_userid("invitee@ville-a")
    convocation = world.convocations[("notified", "official")]
    assert convocation.get_local_roles_for_userid("official@ville-a") == ("Owner",)
    assert convocation.get_local_roles_for_userid(TEST_USER_ID) == ()
    assert convocation.getOwner().getId() == "official@ville-a"
    # A second convocation for someone else leaves the first recipient's roles alone.
    create_convocation(seance, "colleague@ville-a")
    assert seance.get_local_roles_for_userid("official@ville-a") == ("Official",)


def test_files_follow_the_seance_even_where_files_have_a_workflow(world, manager):
    # Plone gives File no workflow; some sites give it one, which would hide a séance's files.
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow_tool.setChainForPortalTypes(["File"], "simple_publication_workflow")
    annex = world.seances["notified"]["rapport"]
    assert workflow_tool.getChainFor(annex) == ("seance_document_workflow",)
    elsewhere = api.content.create(container=manager, type="File", id="ailleurs", title="Ailleurs")
    assert workflow_tool.getChainFor(elsewhere) == ("simple_publication_workflow",)
    assert api.content.get_state(elsewhere) == "private"
    login(manager, "official@ville-a")
    assert not api.user.has_permission("View", obj=annex)  # not before the receipt
    acknowledge(world.convocations[("notified", "official")])
    # The next request: local roles and the user's groups (the receipts) are worked out again
    IAnnotations(manager.REQUEST).clear()
    login(manager, "official@ville-a")
    assert api.user.has_permission("View", obj=annex)


def test_deputy_names_a_titular(world, manager):
    from collective.convocation.content.mandate import IMandate
    from collective.convocation.vocabularies import titular_mandates
    from zope.interface import Invalid

    titulars = titular_mandates(world.council)
    assert len(titulars) == 3
    deputy = createContentInContainer(
        world.council,
        "Mandate",
        official="colleague@ville-a",
        function="Conseillère suppléante",
        seat="deputy",
        start=datetime(2026, 3, 22).date(),
    )
    assert len(titular_mandates(deputy)) == 3  # the deputy is not offered as a titular
    with pytest.raises(Invalid):
        IMandate.validateInvariants(deputy)
    deputy.deputy_of = next(iter(titulars)).value
    IMandate.validateInvariants(deputy)
    deputy.end = datetime(2026, 1, 1).date()
    with pytest.raises(Invalid):
        IMandate.validateInvariants(deputy)
