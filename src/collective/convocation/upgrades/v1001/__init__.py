from collective.convocation.operations.reader_groups import install_plugin
from collective.convocation.operations.reader_groups import open_to_readers
from plone import api


def upgrade(context):
    """1000 → 1001: the tracking columns filled; receipts open documents through the readers groups."""
    context.runImportStepFromProfile("profile-collective.convocation:default", "catalog")
    for brain in api.content.find(portal_type="Convocation", unrestricted=True):
        brain._unrestrictedGetObject().reindexObject(idxs=["convocation_tracking", "seance_uid"])
    install_plugin(api.portal.get())
    for brain in api.content.find(portal_type="Seance", unrestricted=True):
        seance = brain._unrestrictedGetObject()
        if api.content.get_state(seance) != "draft" and open_to_readers(seance):
            seance.reindexObjectSecurity()
