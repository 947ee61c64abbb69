"""The password rule where Plone sets a password: a PAS validation plugin.

Plone's forms (set-password link, personal password, registration, new user)
and plone.restapi (``@users`` POST, ``reset-password``) ask
``portal_registration.testPasswordValidity``, which asks every
IValidationPlugin. This one replaces Plone's default policy (8 characters), so
that a refused password gets one clear message.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from collective.convocation.security.passwords import password_problem
from collective.convocation.security.plugin import add_plugin
from collective.convocation.security.plugin import drop_plugin
from collective.convocation.security.plugin import Plugin
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IValidationPlugin
from zope.interface import implementer


PLUGIN_ID = "convocation_passwords"
PLONE_POLICY = "password_policy"


@implementer(IValidationPlugin)
class PasswordRule(Plugin):
    """The CNIL's rule for every password set on the site."""

    meta_type = "Convocation password rule"
    security = ClassSecurityInfo()

    @security.private
    def validateUserInfo(self, user, set_id, set_info):
        password = (set_info or {}).get("password")
        if password is None:
            return []
        problem = password_problem(password)
        return [{"id": "password", "error": api.portal.translate(problem)}] if problem else []


InitializeClass(PasswordRule)


def check_password(password):
    """The French message refusing ``password``, or None; for the paths that do not ask PAS."""
    problem = password_problem(password) if isinstance(password, str) else None
    return api.portal.translate(problem) if problem else None


def install_password_rule(portal):
    add_plugin(portal, PasswordRule(PLUGIN_ID, "Convocation: password rule"), [IValidationPlugin])
    plugins = portal.acl_users.plugins
    if PLONE_POLICY in plugins.listPluginIds(IValidationPlugin):
        plugins.deactivatePlugin(IValidationPlugin, PLONE_POLICY)


def remove_password_rule(portal):
    drop_plugin(portal, PLUGIN_ID, [IValidationPlugin])
    acl_users, plugins = portal.acl_users, portal.acl_users.plugins
    if PLONE_POLICY in acl_users.objectIds() and PLONE_POLICY not in plugins.listPluginIds(
        IValidationPlugin
    ):
        plugins.activatePlugin(IValidationPlugin, PLONE_POLICY)
