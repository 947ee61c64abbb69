"""The worker's mails link where the agent's browser pointed, behind a proxy or not."""

from collective.convocation.operations.worker import request_for

import pytest


@pytest.mark.parametrize(
    "public",
    [
        "http://localhost:8080/plone",
        "https://convocations.example.fr",  # the site at the root of a virtual host
        "https://www.example.fr/elus",  # under another path
    ],
)
def test_the_worker_sees_the_site_at_the_address_its_job_recorded(integration, world, public):
    portal = integration["portal"]
    app = request_for(integration["app"], portal.getPhysicalPath(), public)
    site = app.unrestrictedTraverse(portal.getPhysicalPath())
    assert site.absolute_url() == public
    seance = site.unrestrictedTraverse(world.seances["draft"].getPhysicalPath()[2:])
    assert seance.absolute_url() == public + "/ville-a/conseil/" + seance.getId()
