"""1001 → 1002 (issue 9, trust): each part brings an existing site up to date."""

from collective.convocation.upgrades import v1002_accounts
from collective.convocation.upgrades import v1002_outputs
from collective.convocation.upgrades import v1002_proof
from collective.convocation.upgrades import v1002_rest
from collective.convocation.upgrades import v1002_rgpd
from collective.convocation.upgrades import v1002_rules


PARTS = (v1002_proof, v1002_rules, v1002_accounts, v1002_rgpd, v1002_outputs, v1002_rest)


def upgrade(context):
    for part in PARTS:
        part.upgrade(context)
