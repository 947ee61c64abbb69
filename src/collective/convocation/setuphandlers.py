from plone import api
from plone.base.interfaces import INonInstallable
from zope.interface import implementer


ROLES = ("ConvocationAdmin", "ConvocationAgent", "Official", "Invitee")


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return [
            "collective.convocation:demo",
            "collective.convocation:uninstall",
        ]


def uninstall(context):
    """Remove the roles, which rolemap.xml can add but not remove."""
    portal = api.portal.get()
    defined = [role for role in ROLES if role in portal.valid_roles()]
    if defined:
        portal._delRoles(defined)
