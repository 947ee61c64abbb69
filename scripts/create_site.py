"""Create the Plone site ``Plone`` with the add-on and its demo content, once.

Run by ``make start`` as: zconsole run INSTANCE/etc/zope.conf scripts/create_site.py
A second run finds the site and changes nothing, so the data is kept.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from plone.distribution.api import site as site_api
from Testing.makerequest import makerequest

import transaction


SITE_ID = "Plone"
ANSWERS = {
    "site_id": SITE_ID,
    "title": "Convocations des élus",
    "description": "Convocation électronique des élus de la Commune de Saint-Démo",
    "default_language": "fr",
    "portal_timezone": "Europe/Paris",
    "setup_content": True,
}


def main(app):
    if SITE_ID in app.objectIds():
        print(f"The site {SITE_ID} exists: kept as it is.")
        return
    app = makerequest(app)
    newSecurityManager(None, system)
    site_api.create(app, "convocation", ANSWERS)
    transaction.commit()
    print(f"Created the site {SITE_ID} with the demo content.")


main(app)  # noqa: F821 - zconsole run provides ``app``
