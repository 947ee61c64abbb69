"""Issue 9 (rest): the receipts plugin also introduces its groups to PAS.

Plone's users API and the sharing page look up each group of a user; the
per-séance readers groups must be known (group introspection and enumeration).
"""

from collective.convocation.operations.reader_groups import install_plugin
from plone import api


def upgrade(context):
    install_plugin(api.portal.get())
