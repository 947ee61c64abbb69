"""Login throttling on every login path: the login form, REST ``@login`` and HTTP Basic auth.

All three hand a login and a password to the PAS authentication plugins. This
plugin comes first: it refuses the credentials of a locked login (it empties
them, so that no plugin after it authenticates them) and otherwise asks the
other plugins itself, so that it knows whether the try failed.

The failures live in the plugin, in the ZODB, so that every process sees them.
They are written in a transaction of their own: a refused Basic auth request
aborts its own transaction, and the failure must survive it. Successful logins
write nothing unless earlier failures are to be forgotten, so that simultaneous
good logins never conflict.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from BTrees.OOBTree import OOBTree
from collective.convocation import _
from collective.convocation.core.lockout import after_failure
from collective.convocation.core.lockout import Failures
from collective.convocation.core.lockout import locked
from collective.convocation.core.lockout import minutes_left
from collective.convocation.security.plugin import add_plugin
from collective.convocation.security.plugin import drop_plugin
from collective.convocation.security.plugin import Plugin
from dataclasses import astuple
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.statusmessages.interfaces import IStatusMessage
from ZODB.POSException import ConflictError
from zope.globalrequest import getRequest
from zope.interface import implementer

import logging
import time
import transaction


logger = logging.getLogger(__name__)

PLUGIN_ID = "convocation_throttle"
LIMIT_RECORD = "collective.convocation.login_failures_limit"
DELAY_RECORD = "collective.convocation.login_lockout_minutes"
# Marks on the request: the logins whose failure this request already counted, the lockout it met.
COUNTED = "collective.convocation.counted_failures"
REFUSED = "collective.convocation.locked_minutes"

clock = time.time  # tests move time by replacing it


def settings():
    """(failures that lock a login, seconds it stays locked), from the registry."""
    limit = api.portal.get_registry_record(LIMIT_RECORD, default=5)
    minutes = api.portal.get_registry_record(DELAY_RECORD, default=15)
    return limit, minutes * 60


def lockout_message(minutes):
    return _(
        "Too many failed logins for this account: it is locked for ${minutes} minutes. "
        "Try again later.",
        mapping={"minutes": minutes},
    )


@implementer(IAuthenticationPlugin)
class LoginThrottle(Plugin):
    """Refuses a login for a while after too many failed tries."""

    meta_type = "Convocation login throttle"
    security = ClassSecurityInfo()

    def __init__(self, id, title=None):
        super().__init__(id, title)
        self._failures = OOBTree()  # login -> (count, time of the last failure)

    @security.private
    def failures(self, login):
        stored = self._failures.get(login)
        return Failures(*stored) if stored else None

    @security.private
    def minutes_locked(self, login):
        """Minutes until ``login`` may try again; 0 when it may now."""
        limit, delay = settings()
        failures, now = self.failures(login), clock()
        return minutes_left(failures, now, delay) if locked(failures, now, limit, delay) else 0

    @security.private
    def refuse(self, request, minutes):
        """Say why, on the page (status message) and to ``@login`` (a mark on the request)."""
        if request is not None and request.get(REFUSED) is None:
            request.set(REFUSED, minutes)
            IStatusMessage(request).add(
                api.portal.translate(lockout_message(minutes)), type="error"
            )

    @security.private
    def failed(self, login):
        """Count a failed try of ``login``, once per request; say so when this one locks it."""
        request = getRequest()
        counted = request.get(COUNTED) if request is not None else None
        if counted is None:
            counted = set()
            if request is not None:
                request.set(COUNTED, counted)
        if login in counted or self._belongs_above(login):
            return
        counted.add(login)
        limit, delay = settings()
        now = clock()
        counted_failures = []

        def count(tree):
            stored = tree.get(login)
            failures = after_failure(Failures(*stored) if stored else None, now, delay)
            tree[login] = astuple(failures)
            counted_failures[:] = [failures]

        self._write(count)
        if counted_failures and locked(counted_failures[0], now, limit, delay):
            self.refuse(request, minutes_left(counted_failures[0], now, delay))

    @security.private
    def succeeded(self, login):
        if login in self._failures:
            self._write(lambda tree: tree.pop(login, None))

    @security.private
    def authenticateCredentials(self, credentials):
        login, password = credentials.get("login"), credentials.get("password")
        if not isinstance(login, str) or password is None:
            return None  # a session cookie or a token: no password is tried
        request = getRequest()
        minutes = self.minutes_locked(login)
        if minutes:
            credentials.clear()  # no plugin after this one tries them
            self.refuse(request, minutes)
            return None
        found = self._authenticate_elsewhere(dict(credentials))
        credentials.clear()  # tried once, here
        if found:
            self.succeeded(login)
            return found
        self.failed(login)
        return None

    def _authenticate_elsewhere(self, credentials):
        for plugin_id, plugin in self._getPAS().plugins.listPlugins(IAuthenticationPlugin):
            if plugin_id == self.getId():
                continue
            found = plugin.authenticateCredentials(credentials)
            if found and found[0] is not None:
                return found
        return None

    def _belongs_above(self, login):
        """The Zope root's users (the admin) are not this site's to lock."""
        root_users = getattr(self.getPhysicalRoot(), "acl_users", None)
        return root_users is not None and root_users.getUser(login) is not None

    def _write(self, change):
        """Apply ``change`` to the failures in a transaction of its own, retried on conflict."""
        oid = self._failures._p_oid
        if oid is None:  # the plugin is not committed yet: nothing else can see it
            change(self._failures)
            return
        manager = transaction.TransactionManager()
        connection = self._p_jar.db().open(transaction_manager=manager)
        try:
            for _attempt in range(5):
                manager.begin()
                try:
                    change(connection.get(oid))
                    manager.commit()
                    return
                except ConflictError:
                    manager.abort()
            logger.warning("Login failures not recorded after 5 conflicts")
        finally:
            connection.close()


InitializeClass(LoginThrottle)


def install_throttle(portal):
    add_plugin(
        portal, LoginThrottle(PLUGIN_ID, "Convocation: login throttling"), [IAuthenticationPlugin]
    )
    plugins = portal.acl_users.plugins
    while plugins.listPluginIds(IAuthenticationPlugin)[0] != PLUGIN_ID:
        plugins.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])


def remove_throttle(portal):
    drop_plugin(portal, PLUGIN_ID, [IAuthenticationPlugin])


def throttle():
    """The site's plugin, or None where the add-on is not installed."""
    return getattr(api.portal.get().acl_users, PLUGIN_ID, None)


def forget_failures(principal, event):
    """A new password (the set-password link, for one) opens the login again at once."""
    plugin = throttle()
    if plugin is not None:
        plugin.succeeded(principal.getUserName())
