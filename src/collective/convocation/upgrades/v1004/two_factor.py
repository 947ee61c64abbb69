"""Two-factor login on an existing site: its PAS plugin (post_install adds it to new sites), and the
catalog index that names the collectivities requiring it of their agents."""

from collective.convocation.security.two_factor import install_two_factor
from plone import api


def upgrade(context):
    install_two_factor(api.portal.get())
    context.runImportStepFromProfile("profile-collective.convocation:default", "catalog")
    for brain in api.content.find(portal_type="Collectivity", unrestricted=True):
        brain._unrestrictedGetObject().reindexObject(idxs=["agents_need_two_factor"])
