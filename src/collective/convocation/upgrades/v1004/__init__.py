"""1003 → 1004 (issue 14, public agenda): Plone's File gets « Document public »."""

from collective.convocation.behaviors.public_document import PUBLIC_DOCUMENT
from plone import api


def upgrade(context):
    # Only this behavior: importing the types again would undo a site's own changes to them.
    fti = api.portal.get_tool("portal_types")["File"]
    if PUBLIC_DOCUMENT not in fti.behaviors:
        # Through the property: the schema caches hear of it, the Files get the field at once.
        fti.manage_changeProperties(behaviors=(*fti.behaviors, PUBLIC_DOCUMENT))
