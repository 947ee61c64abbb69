"""The base of the add-on's PAS plugins: made with an id and a title, as PAS's ZMI makes them."""

from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin


class Plugin(BasePlugin):
    def __init__(self, id, title=None):
        self._setId(id)
        self.title = title


def add_plugin(portal, plugin, interfaces):
    """Add ``plugin`` to the site's PAS once, active for each of ``interfaces``."""
    acl_users = portal.acl_users
    if plugin.getId() not in acl_users.objectIds():
        acl_users._setObject(plugin.getId(), plugin)
    for interface in interfaces:
        if plugin.getId() not in acl_users.plugins.listPluginIds(interface):
            acl_users.plugins.activatePlugin(interface, plugin.getId())


def drop_plugin(portal, plugin_id, interfaces):
    """Deactivate and remove the plugin ``plugin_id``, if there."""
    acl_users = portal.acl_users
    for interface in interfaces:
        if plugin_id in acl_users.plugins.listPluginIds(interface):
            acl_users.plugins.deactivatePlugin(interface, plugin_id)
    if plugin_id in acl_users.objectIds():
        acl_users._delObject(plugin_id)
