"""Two-factor login (TOTP): a PAS plugin so that a password alone never logs in a user who enrolled.

Every login path hands PAS a login and a password: the login form, REST ``@login``
and HTTP Basic auth. This plugin comes before the user manager (after the
throttling, which asks it in turn): it checks the password with the plugins after
it and, for a user who turned two-factor login on, also asks the code the login
form sent in ``__ac_otp`` (``@login`` puts its ``otp`` there). Without a valid
code it empties the credentials, so that no plugin after it accepts the password.
Basic auth has no room for a code: it never logs such a user in.

Sessions (plone.session's cookie, the JWT) carry no password: they pass as before.

The secrets live in a site annotation, not in the users' properties; recovery
codes are kept hashed and work once; a TOTP code works once (the last accepted
time-step is kept).
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from AccessControl.SecurityManagement import getSecurityManager
from BTrees.OOBTree import OOBTree
from collective.convocation import _
from collective.convocation.core import two_factor as core
from collective.convocation.security.plugin import add_plugin
from collective.convocation.security.plugin import drop_plugin
from collective.convocation.security.plugin import Plugin
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.interface import implementer

import time


PLUGIN_ID = "convocation_two_factor"
STORAGE_KEY = "collective.convocation.two_factor"
OTP_FIELD = "__ac_otp"
# Marks on the request: why a code was refused ("missing", "wrong"); the codes it already accepted.
REFUSED = "collective.convocation.otp_refused"
ACCEPTED = "collective.convocation.otp_accepted"

clock = time.time  # tests move time by replacing it


# --- The per-user records: {secret, recovery (hashes), enabled_at, last_step} ---


def _storage(create=False):
    annotations = IAnnotations(api.portal.get())
    storage = annotations.get(STORAGE_KEY)
    if storage is None and create:
        storage = annotations[STORAGE_KEY] = OOBTree()
    return storage


def record(userid):
    storage = _storage()
    return storage.get(userid) if storage is not None else None


def is_enabled(userid):
    found = record(userid)
    return bool(found and found.get("enabled_at"))


def pending_secret(userid):
    """The secret shown for enrolment, not confirmed yet; None otherwise."""
    found = record(userid)
    return found["secret"] if found and not found.get("enabled_at") else None


def start_enrolment(userid):
    """A new secret for ``userid``, pending until a code confirms it. Never over an enabled one."""
    if is_enabled(userid):
        return None
    secret = core.new_secret()
    _storage(create=True)[userid] = PersistentMapping(
        secret=secret, recovery=[], enabled_at=None, last_step=None
    )
    return secret


def confirm_enrolment(userid, code):
    """Turn it on when ``code`` proves the app holds the secret: the recovery codes, once; else None."""
    found = record(userid)
    if not found or found.get("enabled_at"):
        return None
    step = core.accepted_step(found["secret"], code, found.get("last_step"), clock())
    if step is None:
        return None
    codes = core.new_recovery_codes()
    found["recovery"] = [core.recovery_hash(one) for one in codes]
    found["last_step"] = step
    found["enabled_at"] = datetime.now(UTC)
    return codes


def check_code(userid, code):
    """True, once, for a valid TOTP code or an unused recovery code of ``userid`` (enabled)."""
    found = record(userid)
    if not found or not found.get("enabled_at") or not code:
        return False
    step = core.accepted_step(found["secret"], code, found.get("last_step"), clock())
    if step is not None:
        found["last_step"] = step
        return True
    used = core.used_recovery(found.get("recovery") or [], code)
    if used is not None:
        found["recovery"] = [one for one in found["recovery"] if one != used]
        return True
    return False


def recovery_left(userid):
    found = record(userid)
    return len(found.get("recovery") or []) if found else 0


def disable(userid, code):
    """Turn it off with a current code or a recovery code; False when the code is refused."""
    if not check_code(userid, code):
        return False
    del _storage()[userid]
    return True


def forget(userid):
    storage = _storage()
    if storage is not None and userid in storage:
        del storage[userid]


# --- The PAS plugin ---


def refused_message(why):
    """Why the login was refused, ``why`` being the request's REFUSED mark."""
    if why == "missing":
        return _(
            "This account uses two-factor login: give the verification code of your "
            "authenticator app (or a recovery code)."
        )
    return _("Wrong or already used verification code.")


def code_sent(request):
    if request is None:
        return ""
    code = request.form.get(OTP_FIELD, "")
    return code if isinstance(code, str) else ""


@implementer(IAuthenticationPlugin)
class TwoFactor(Plugin):
    """Accepts a password only with a valid code, for the users who turned two-factor login on."""

    meta_type = "Convocation two-factor login"
    security = ClassSecurityInfo()

    @security.private
    def authenticateCredentials(self, credentials):
        login, password = credentials.get("login"), credentials.get("password")
        if not isinstance(login, str) or password is None:
            return None  # a session cookie or a token: not a password login
        found = self._authenticate_after(dict(credentials))
        if not found:
            return None
        userid = found[0]
        if not is_enabled(userid) or self._already_logged_in(userid):
            return found
        request = getRequest()
        code = code_sent(request)
        accepted = request.get(ACCEPTED, set()) if request is not None else set()
        if (userid, code) in accepted or check_code(userid, code):
            if request is not None:  # PAS may ask twice in a request: the code is spent already
                request.set(ACCEPTED, accepted | {(userid, code)})
            return found
        credentials.clear()  # no plugin after this one accepts the password alone
        if request is not None:
            request.set(REFUSED, "wrong" if code else "missing")
        return None

    def _authenticate_after(self, credentials):
        """The answer of the password plugins after this one (the user manager)."""
        after = False
        for plugin_id, plugin in self._getPAS().plugins.listPlugins(IAuthenticationPlugin):
            if plugin_id == self.getId():
                after = True
                continue
            if not after:
                continue
            found = plugin.authenticateCredentials(credentials)
            if found and found[0] is not None:
                return found
        return None

    def _already_logged_in(self, userid):
        """A user already logged in (with the code) who types his password again, to change it."""
        user = getSecurityManager().getUser()
        return user is not None and user.getId() == userid


InitializeClass(TwoFactor)


def install_two_factor(portal):
    """Add the plugin right before the password plugins: after the throttling only."""
    add_plugin(
        portal, TwoFactor(PLUGIN_ID, "Convocation: two-factor login"), [IAuthenticationPlugin]
    )
    plugins = portal.acl_users.plugins
    first = ("convocation_throttle",)
    while True:
        ids = list(plugins.listPluginIds(IAuthenticationPlugin))
        above = [one for one in ids[: ids.index(PLUGIN_ID)] if one not in first]
        if not above:
            break
        plugins.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])


def remove_two_factor(portal):
    drop_plugin(portal, PLUGIN_ID, [IAuthenticationPlugin])


def installed():
    return getattr(api.portal.get().acl_users, PLUGIN_ID, None) is not None
