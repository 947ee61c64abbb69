"""Anonymise the contact data of people whose mandates or functions ended long ago (RGPD).

What a cron runs, monthly say, through `make retention`:
    zconsole run INSTANCE/etc/zope.conf scripts/retention.py [--dry-run]
The period is the registry's collective.convocation.retention_months (12 by
default). The séances' convocations, émargements and journals are kept whole.
SITE names the Plone site (default Plone).
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from collective.convocation.privacy.anonymise import retention_months
from collective.convocation.privacy.anonymise import run
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import sys
import transaction


def main(app, dry_run=False):
    site = makerequest(app)[os.environ.get("SITE", "Plone")]
    setSite(site)
    newSecurityManager(None, system)
    months = retention_months()
    userids = run(dry_run=dry_run)
    if dry_run:
        transaction.abort()
        print(f"{len(userids)} personne(s) à anonymiser (plus de {months} mois) :")
    else:
        transaction.commit()
        print(f"{len(userids)} personne(s) anonymisée(s) (plus de {months} mois) :")
    for userid in userids:
        print(f"  {userid}")


main(app, dry_run="--dry-run" in sys.argv)  # noqa: F821 - zconsole run provides ``app``
