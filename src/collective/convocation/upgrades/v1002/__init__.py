"""1001 → 1002 (issue 9, trust): each part brings an existing site up to date."""

from collective.convocation.upgrades.v1002 import accounts
from collective.convocation.upgrades.v1002 import outputs
from collective.convocation.upgrades.v1002 import proof
from collective.convocation.upgrades.v1002 import rest
from collective.convocation.upgrades.v1002 import rgpd
from collective.convocation.upgrades.v1002 import rules


PARTS = (proof, rules, accounts, rgpd, outputs, rest)


def upgrade(context):
    for part in PARTS:
        part.upgrade(context)
