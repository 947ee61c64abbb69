"""1001 → 1002, the proof: the dossiers cached in the ZODB go (they are cached on disk now)."""

from collective.convocation.operations.documents import LEGACY_CACHE_KEY
from plone import api
from zope.annotation.interfaces import IAnnotations


def upgrade(context):
    for brain in api.content.find(portal_type="Seance", unrestricted=True):
        IAnnotations(brain._unrestrictedGetObject()).pop(LEGACY_CACHE_KEY, None)
