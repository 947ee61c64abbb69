"""Installing and uninstalling the add-on."""

from collective.convocation.interfaces import IBrowserLayer
from plone import api
from plone.app.workflow.interfaces import ISharingPageRole
from zope.component import getUtilitiesFor
from zope.component import queryUtility

import pytest


PACKAGE = "collective.convocation"
TYPES = ("Collectivity", "Assembly", "Mandate", "Seance", "AgendaItem", "Convocation")
ROLES = ("ConvocationAdmin", "ConvocationAgent", "Official", "Invitee")
WORKFLOWS = (
    "seance_workflow",
    "convocation_workflow",
    "convocation_internal_workflow",
    "seance_document_workflow",
)
INDEXES = (
    "login_suffix",
    "convocation_recipient",
    "convocation_category",
    "convocation_received",
    "convocation_attendance",
    "seance_start",
)
COLUMNS = (
    "convocation_recipient",
    "convocation_category",
    "convocation_received",
    "convocation_attendance",
    "seance_start",
    "assembly_title",
    "collectivity_title",
    "seance_title",
    "seance_location",
    "seance_state",
    "seance_uid",
    "convocation_tracking",
    "convocation_proxy_holder",
)


def test_installed(installer):
    assert installer.is_product_installed(PACKAGE)


def test_browserlayer(browser_layers):
    assert IBrowserLayer in browser_layers


def test_types(portal):
    assert set(TYPES) <= set(api.portal.get_tool("portal_types").objectIds())


def test_roles_with_french_sharing_titles(portal, http_request):
    assert set(ROLES) <= set(portal.valid_roles())
    titles = {
        name: api.portal.translate(role.title, lang="fr")
        for name, role in getUtilitiesFor(ISharingPageRole)
        if name in ROLES
    }
    assert titles == {
        "ConvocationAdmin": "Administrateur de la collectivité",
        "ConvocationAgent": "Gestionnaire de séances",
        "Official": "Élu convoqué",
        "Invitee": "Invité",
    }


def test_workflow_states(portal):
    workflow_tool = api.portal.get_tool("portal_workflow")
    assert sorted(workflow_tool["seance_workflow"].states.objectIds()) == [
        "archived",
        "cancelled",
        "draft",
        "notified",
    ]
    assert workflow_tool.getChainForPortalType("Seance") == ("seance_workflow",)
    assert workflow_tool.getChainForPortalType("Convocation") == ("convocation_workflow",)
    assert workflow_tool.getChainForPortalType("AgendaItem") == ("seance_document_workflow",)


def test_catalog(portal):
    catalog = api.portal.get_tool("portal_catalog")
    assert set(INDEXES) <= set(catalog.indexes())
    assert set(COLUMNS) <= set(catalog.schema())


@pytest.fixture
def uninstalled(portal, installer):
    installer.uninstall_product(PACKAGE)
    return portal


def test_uninstall_leaves_nothing_behind(uninstalled, installer):
    portal = uninstalled
    assert not installer.is_product_installed(PACKAGE)
    assert not set(TYPES) & set(api.portal.get_tool("portal_types").objectIds())
    assert not set(ROLES) & set(portal.valid_roles())
    assert not {name for name, _role in getUtilitiesFor(ISharingPageRole)} & set(ROLES)
    assert not set(WORKFLOWS) & set(api.portal.get_tool("portal_workflow").objectIds())
    catalog = api.portal.get_tool("portal_catalog")
    assert not set(INDEXES) & set(catalog.indexes())
    assert not set(COLUMNS) & set(catalog.schema())
    registry = api.portal.get_tool("portal_registry")
    assert [key for key in registry.records.keys() if PACKAGE in key] == []
    from plone.browserlayer.utils import registered_layers

    assert IBrowserLayer not in registered_layers()
    assert queryUtility(ISharingPageRole, name="ConvocationAgent") is None
    assert (
        "convocation_renotify"
        not in api.portal.get_tool("portal_actions")["object_buttons"].objectIds()
    )
    assert "convocation_receipts" not in portal.acl_users.objectIds()


def test_reinstall_after_uninstall(uninstalled, installer):
    from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin

    installer.install_product(PACKAGE)
    assert "convocation_receipts" in uninstalled.acl_users.plugins.listPluginIds(IGroupsPlugin)
    assert set(ROLES) <= set(uninstalled.valid_roles())
    assert "Seance" in api.portal.get_tool("portal_types").objectIds()


def test_upgrade_to_1001_fills_the_tracking_metadata(world, portal):
    """A site installed at 1000 gets the tracking column filled for its convocations."""
    setup = portal.portal_setup
    catalog = portal.portal_catalog
    catalog.delColumn("convocation_tracking")
    setup.setLastVersionForProfile("collective.convocation:default", "1000")
    upgrades = setup.listUpgrades("collective.convocation:default", simple=True)
    assert [step.title for step in upgrades] == [
        "Tracking metadata on convocations",
        "Trust",
        "Paper convocations",
        "Public agenda",
        "Two-factor login",
    ]
    setup.upgradeProfile("collective.convocation:default", dest="1001")
    assert setup.getLastVersionForProfile("collective.convocation:default") == ("1001",)
    brains = catalog(portal_type="Convocation")
    assert brains and all(brain.convocation_tracking["name"] for brain in brains)


def test_upgrade_to_1002_drops_the_dossiers_cached_in_the_database(world, portal):
    from collective.convocation.operations.documents import LEGACY_CACHE_KEY
    from zope.annotation.interfaces import IAnnotations

    setup = portal.portal_setup
    seance = world.seances["notified"]
    IAnnotations(seance)[LEGACY_CACHE_KEY] = {"fingerprint": "old", "file": None}
    setup.setLastVersionForProfile("collective.convocation:default", "1001")
    setup.upgradeProfile("collective.convocation:default", dest="1002")
    assert setup.getLastVersionForProfile("collective.convocation:default") == ("1002",)
    assert LEGACY_CACHE_KEY not in IAnnotations(seance)


def test_upgrade_to_1003_gives_members_a_postal_address(world, portal):
    """A site of 1002 has no postal address; after the upgrade, an official's is kept and read."""
    from collective.convocation.operations.paper import addressee

    setup = portal.portal_setup
    memberdata = api.portal.get_tool("portal_memberdata")
    memberdata.manage_delProperties(["postal_address"])
    setup.setLastVersionForProfile("collective.convocation:default", "1002")
    setup.upgradeProfile("collective.convocation:default", dest="1003")
    assert setup.getLastVersionForProfile("collective.convocation:default") == ("1003",)
    assert memberdata.getPropertyType("postal_address") == "text"
    api.user.get(userid="official@ville-a").setMemberProperties(
        {"postal_address": "3 rue Haute\n44000 Nantes"}
    )
    assert addressee("official@ville-a").lines == ("3 rue Haute", "44000 Nantes")


def test_upgrade_to_1004_lets_agents_mark_a_file_public(world, portal):
    """A site of 1003: Plone's File gets « Document public », the public agenda's mark."""
    from collective.convocation.behaviors.public_document import IPublicDocument
    from collective.convocation.behaviors.public_document import PUBLIC_DOCUMENT

    setup = portal.portal_setup
    fti = portal.portal_types["File"]
    fti.manage_changeProperties(
        behaviors=tuple(name for name in fti.behaviors if name != PUBLIC_DOCUMENT)
    )
    annex = world.seances["notified"]["rapport"]
    assert not IPublicDocument.providedBy(annex)
    setup.setLastVersionForProfile("collective.convocation:default", "1003")
    setup.upgradeProfile("collective.convocation:default")
    assert setup.getLastVersionForProfile("collective.convocation:default") == ("1004",)
    assert list(fti.behaviors).count(PUBLIC_DOCUMENT) == 1
    assert IPublicDocument.providedBy(annex)
    assert annex.public_document is False  # a file stays private until an agent says otherwise
