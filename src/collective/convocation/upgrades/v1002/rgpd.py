"""RGPD: the retention setting on sites installed before it existed.

Adds the one record, rather than importing registry.xml again, which would
reset the other settings to their defaults.
"""

from collective.convocation.privacy.anonymise import DEFAULT_MONTHS
from collective.convocation.privacy.anonymise import RETENTION_RECORD
from plone.registry import field
from plone.registry import Record
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


def upgrade(context):
    registry = getUtility(IRegistry)
    if RETENTION_RECORD not in registry.records:
        registry.records[RETENTION_RECORD] = Record(
            field.Int(
                title="Months personal contact data are kept after a mandate or function ended",
                min=1,
            ),
            DEFAULT_MONTHS,
        )
