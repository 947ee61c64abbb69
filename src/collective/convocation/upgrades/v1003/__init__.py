"""1002 → 1003 (issue 11, pages built for the job): each part brings an existing site up to date."""

from collective.convocation.upgrades.v1003 import paper
from collective.convocation.upgrades.v1003 import rules


PARTS = (paper, rules)


def upgrade(context):
    for part in PARTS:
        part.upgrade(context)
