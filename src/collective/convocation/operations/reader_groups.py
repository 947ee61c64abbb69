"""Documents open to a recipient once they acknowledged receipt, without writing the séance.

Each sent séance gives the local role Reader to one virtual group,
``convocation-received-<séance UID>``. A PAS groups plugin puts a user in
the groups of the séances whose receipt they acknowledged, read from the
catalog. Acknowledging then writes the official's own convocation only: five
hundred officials acknowledging at the same moment do not all rewrite the
séance's local roles and reindex its documents, which made their requests
conflict with each other.

The plugin also introduces these groups to PAS (introspection, and
enumeration by exact id): Plone's users and groups API, the sharing page and
``@users`` look each group of a user up, and a group that no plugin knows
breaks them.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from collective.convocation import _
from collective.convocation.security.plugin import add_plugin
from collective.convocation.security.plugin import drop_plugin
from collective.convocation.security.plugin import Plugin
from contextlib import contextmanager
from plone import api
from Products.PlonePAS.interfaces.group import IGroupIntrospection
from Products.PlonePAS.plugins.group import PloneGroup
from Products.PluggableAuthService.interfaces.plugins import IGroupEnumerationPlugin
from Products.PluggableAuthService.interfaces.plugins import IGroupsPlugin
from Products.PluggableAuthService.UserPropertySheet import UserPropertySheet
from zope.i18nmessageid import Message
from zope.interface import implementer

import threading


PLUGIN_ID = "convocation_receipts"
GROUP_PREFIX = "convocation-received-"
PLUGIN_INTERFACES = (IGroupsPlugin, IGroupIntrospection, IGroupEnumerationPlugin)


_indexing = threading.local()


@contextmanager
def queue_kept():
    """Within: the plugin reads the catalog as it stands, without flushing the indexing queue.

    For indexers that look a user up: at commit CMFCore indexes its queue without marking it as
    being processed, so a flush from inside an indexer processes the same queue again, inside
    itself, and gives an object created in that transaction two catalog records.
    """
    _indexing.depth = getattr(_indexing, "depth", 0) + 1
    try:
        yield
    finally:
        _indexing.depth -= 1


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


@implementer(*PLUGIN_INTERFACES)
class ReceiptGroups(Plugin):
    """The readers groups of the séances whose receipt a user acknowledged."""

    meta_type = "Convocation receipt groups"
    security = ClassSecurityInfo()

    @security.private
    def getGroupsForPrincipal(self, principal, request=None):
        if principal.getId().startswith(GROUP_PREFIX):
            # One of ours, which PAS's recursive groups ask about in turn: a member of no
            # group. Searched, each user lookup cost a search per receipt of his history.
            return ()
        catalog = api.portal.get_tool("portal_catalog")
        flushing = not getattr(_indexing, "depth", 0)
        search = (
            catalog.unrestrictedSearchResults if flushing else catalog._unrestrictedSearchResults
        )
        # The user's convocations by the recipient index alone, the receipt read from their
        # records: the type and receipt indexes hold every convocation of the site, and
        # intersecting with them costs as much as the site holds. PAS asks this a dozen
        # times for each user it looks up, on every page.
        return tuple(
            GROUP_PREFIX + brain.seance_uid
            for brain in search(convocation_recipient=principal.getId())
            if brain.convocation_received and brain.seance_uid
        )

    def _seance_brain(self, group_id):
        """The catalog entry of the séance behind ``group_id``, or None."""
        if not isinstance(group_id, str) or not group_id.startswith(GROUP_PREFIX):
            return None
        catalog = api.portal.get_tool("portal_catalog")
        found = catalog.unrestrictedSearchResults(
            UID=group_id[len(GROUP_PREFIX) :], portal_type="Seance"
        )
        return found[0] if found else None

    def _title(self, brain):
        return api.portal.translate(
            Message(_("Receipt acknowledged: ${seance}"), mapping={"seance": brain.Title})
        )

    # IGroupIntrospection: the group exists while its séance does.

    @security.private
    def getGroupById(self, group_id, default=None):
        brain = self._seance_brain(group_id)
        if brain is None:
            return default
        title = self._title(brain)
        group = PloneGroup(group_id, title)
        group.addPropertysheet(PLUGIN_ID, UserPropertySheet(PLUGIN_ID, title=title))
        group._addRoles(["Authenticated"])
        return group.__of__(self)

    @security.private
    def getGroups(self):
        return []  # never listed: one per séance would flood the groups pages

    @security.private
    def getGroupIds(self):
        return []

    @security.private
    def getGroupMembers(self, group_id):
        brain = self._seance_brain(group_id)
        if brain is None:
            return ()
        catalog = api.portal.get_tool("portal_catalog")
        return tuple(
            found.convocation_recipient
            for found in catalog.unrestrictedSearchResults(
                portal_type="Convocation",
                path={"query": brain.getPath(), "depth": 1},
                convocation_received=True,
            )
        )

    # IGroupEnumerationPlugin: found by its exact id only (the sharing page looks it up so).

    @security.private
    def enumerateGroups(self, id=None, exact_match=False, sort_by=None, max_results=None, **kw):
        if not exact_match or id is None:
            return ()
        brain = self._seance_brain(id)
        if brain is None:
            return ()
        return ({"id": id, "pluginid": self.getId(), "title": self._title(brain)},)


InitializeClass(ReceiptGroups)


def install_plugin(portal):
    add_plugin(portal, ReceiptGroups(PLUGIN_ID, "Convocation: receipts"), PLUGIN_INTERFACES)


def remove_plugin(portal):
    drop_plugin(portal, PLUGIN_ID, PLUGIN_INTERFACES)
