"""Issue 11, paper convocations: the members' postal address, as memberdata_properties.xml says."""

from collective.convocation.operations.paper import ADDRESS_PROPERTY
from plone import api


def upgrade(context):
    # Only the new property: importing memberdata_properties.xml again would touch the others.
    memberdata = api.portal.get_tool("portal_memberdata")
    if not memberdata.hasProperty(ADDRESS_PROPERTY):
        memberdata.manage_addProperty(ADDRESS_PROPERTY, "", "text")
