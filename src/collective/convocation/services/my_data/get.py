from collective.convocation import _
from collective.convocation.privacy.my_data import personal_data
from plone import api
from plone.restapi.services import Service
from zExceptions import Unauthorized


class MyData(Service):
    """GET /Plone/@my-data: everything the add-on keeps about the current user, never anyone else."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized(api.portal.translate(_("Log in to download your data.")))
        return {
            "@id": f"{self.context.absolute_url()}/@my-data",
            **personal_data(api.user.get_current()),
        }
