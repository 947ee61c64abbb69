"""Documents open to a recipient once they acknowledged receipt, without writing the séance.

Each sent séance gives the local role Reader to one virtual group,
``convocation-received-<séance UID>``. A PAS groups plugin puts a user in
the groups of the séances whose receipt they acknowledged, read from the
catalog. Acknowledging then writes the official's own convocation only: five
hundred officials acknowledging at the same moment do not all rewrite the
séance's local roles and reindex its documents, which made their requests
conflict with each other.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.interface import implementer


PLUGIN_ID = "convocation_receipts"
GROUP_PREFIX = "convocation-received-"


def readers_group(seance):
    """The virtual group of those who acknowledged receipt of ``seance``."""
    return GROUP_PREFIX + api.content.get_uuid(seance)


def open_to_readers(seance):
    """At sending: the séance's documents open to whoever acknowledges receipt (one write)."""
    group = readers_group(seance)
    if "Reader" not in seance.get_local_roles_for_userid(group):
        seance.manage_setLocalRoles(group, ["Reader"])
        return True
    return False


@implementer(IGroupsPlugin)
class ReceiptGroups(BasePlugin):
    """The readers groups of the séances whose receipt a user acknowledged."""

    meta_type = "Convocation receipt groups"
    security = ClassSecurityInfo()

    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title

    @security.private
    def getGroupsForPrincipal(self, principal, request=None):
        catalog = api.portal.get_tool("portal_catalog")
        return tuple(
            GROUP_PREFIX + brain.seance_uid
            for brain in catalog.unrestrictedSearchResults(
                portal_type="Convocation",
                convocation_recipient=principal.getId(),
                convocation_received=True,
            )
            if brain.seance_uid
        )


InitializeClass(ReceiptGroups)


def install_plugin(portal):
    acl_users = portal.acl_users
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, ReceiptGroups(PLUGIN_ID, "Convocation: receipts"))
    if PLUGIN_ID not in acl_users.plugins.listPluginIds(IGroupsPlugin):
        acl_users.plugins.activatePlugin(IGroupsPlugin, PLUGIN_ID)


def remove_plugin(portal):
    acl_users = portal.acl_users
    if PLUGIN_ID in acl_users.plugins.listPluginIds(IGroupsPlugin):
        acl_users.plugins.deactivatePlugin(IGroupsPlugin, PLUGIN_ID)
    if PLUGIN_ID in acl_users.objectIds():
        acl_users._delObject(PLUGIN_ID)
