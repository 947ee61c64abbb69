from collective.convocation import _
from plone import api
from plone.rest.errors import ErrorHandling


class FrenchUnauthorized(ErrorHandling):
    """plone.rest's JSON error, with Zope's English refusal put in French for the officials' apps."""

    def render_exception(self, exception):
        result = super().render_exception(exception)
        if (
            isinstance(result, dict)
            and result.get("message") == "You are not authorized to access this resource."
        ):
            result["message"] = api.portal.translate(
                _("You are not allowed to do this: log in with an account that has access.")
            )
        return result
