"""Issue 9, accounts: login throttling, the password rule, members no longer list every account."""

from collective.convocation.security.policy import install_password_rule
from collective.convocation.security.throttling import DELAY_RECORD
from collective.convocation.security.throttling import install_throttle
from collective.convocation.security.throttling import LIMIT_RECORD
from plone import api
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


SETTINGS = (
    (LIMIT_RECORD, "Failed logins in a row that lock a login", 5),
    (DELAY_RECORD, "Minutes a login stays locked after too many failed logins", 15),
)


def upgrade(context):
    portal = api.portal.get()
    install_throttle(portal)
    install_password_rule(portal)
    # Only the new records: importing registry.xml again would reset the site's other settings.
    registry = getUtility(IRegistry)
    for name, title, value in SETTINGS:
        if name not in registry.records:
            registry.records[name] = Record(field.Int(title=title, min=1), value)
    # As rolemap.xml says, without importing it again.
    portal.manage_permission(
        "List portal members", roles=["Manager", "Site Administrator"], acquire=True
    )
