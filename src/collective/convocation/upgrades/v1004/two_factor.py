"""Two-factor login on an existing site: its PAS plugin (post_install adds it to new sites).

A part of the 1003 → 1004 upgrade (issue 14): the merger registers it with that step.
"""

from collective.convocation.security.two_factor import install_two_factor
from plone import api


def upgrade(context):
    install_two_factor(api.portal.get())
