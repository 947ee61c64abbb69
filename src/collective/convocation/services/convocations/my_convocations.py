from collective.convocation.portal import my_convocations
from plone import api
from plone.restapi.services import Service
from zExceptions import BadRequest
from zExceptions import Unauthorized


class MyConvocations(Service):
    """GET /Plone/@my-convocations?period=upcoming|past: the current user's convocations, from the catalog."""

    def reply(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connectez-vous pour voir vos convocations.")
        period = self.request.form.get("period", "upcoming")
        if period not in ("upcoming", "past"):
            raise BadRequest("La période est « upcoming » ou « past ».")
        items = my_convocations(api.user.get_current().getId(), period)
        return {
            "@id": f"{self.context.absolute_url()}/@my-convocations",
            "items": items,
            "items_total": len(items),
        }
