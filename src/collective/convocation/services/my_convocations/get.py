from collective.convocation import _
from collective.convocation.operations.my_convocations import my_convocations
from collective.convocation.services.body import query_choice
from plone import api
from plone.restapi.services import Service
from zExceptions import Unauthorized


class MyConvocations(Service):
    """GET /Plone/@my-convocations?period=upcoming|past: the current user's convocations, from the catalog."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized(api.portal.translate(_("Log in to see your convocations.")))
        period = query_choice(self.request, "period", ("upcoming", "past"), default="upcoming")
        items = my_convocations(api.user.get_current().getId(), period)
        return {
            "@id": f"{self.context.absolute_url()}/@my-convocations",
            "items": items,
            "items_total": len(items),
        }
