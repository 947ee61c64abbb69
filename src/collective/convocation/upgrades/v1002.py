"""1001 → 1002 (issue 9, trust): each part brings an existing site up to date."""

from collective.convocation.upgrades import v1002_proof


PARTS = (v1002_proof,)


def upgrade(context):
    for part in PARTS:
        part.upgrade(context)
