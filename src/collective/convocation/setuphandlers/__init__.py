from collective.convocation.operations.mail_queue import default_queue_path
from collective.convocation.operations.reader_groups import install_plugin
from collective.convocation.operations.reader_groups import remove_plugin
from collective.convocation.security.policy import install_password_rule
from collective.convocation.security.policy import remove_password_rule
from collective.convocation.security.throttling import install_throttle
from collective.convocation.security.throttling import remove_throttle
from collective.convocation.security.two_factor import install_two_factor
from collective.convocation.security.two_factor import remove_two_factor
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


def post_install(context):
    """Queue the mails, so that an SMTP outage delays them rather than losing them; receipts open documents."""
    install_plugin(api.portal.get())
    install_throttle(api.portal.get())
    install_two_factor(api.portal.get())
    install_password_rule(api.portal.get())
    mailhost = api.portal.get_tool("MailHost")
    if not mailhost.smtp_queue:
        mailhost.smtp_queue = True
        mailhost.smtp_queue_directory = str(default_queue_path())


def uninstall(context):
    """Remove the roles, which rolemap.xml can add but not remove."""
    portal = api.portal.get()
    remove_plugin(portal)
    remove_throttle(portal)
    remove_two_factor(portal)
    remove_password_rule(portal)
    # Plone's own rolemap: members list members again.
    portal.manage_permission(
        "List portal members", roles=["Manager", "Site Administrator", "Member"], acquire=True
    )
    defined = [role for role in ROLES if role in portal.valid_roles()]
    if defined:
        portal._delRoles(defined)
