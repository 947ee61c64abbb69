"""1001 → 1002 (outputs): names stored before they were cleaned at entry are put on one line."""

from collective.convocation.core.names import cleaned
from collective.convocation.core.names import ONE_LINE
from plone import api

import logging


logger = logging.getLogger(__name__)


def upgrade(context):
    """Every member's one-line properties (name, civility, phone…) without line breaks."""
    for member in api.user.get_users():
        changes = cleaned({name: member.getProperty(name, "") for name in ONE_LINE})
        if changes:
            member.setMemberProperties(changes)
            logger.info("Names of %s put on one line: %s", member.getId(), sorted(changes))
