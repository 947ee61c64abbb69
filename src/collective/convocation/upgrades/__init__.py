from plone import api


def tracking_metadata(context):
    """1000 → 1001: the convocation_tracking column, filled for the existing convocations."""
    context.runImportStepFromProfile("profile-collective.convocation:default", "catalog")
    for brain in api.content.find(portal_type="Convocation", unrestricted=True):
        brain._unrestrictedGetObject().reindexObject(idxs=["convocation_tracking"])
