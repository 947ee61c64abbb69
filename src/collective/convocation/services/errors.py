"""How the add-on's REST services refuse: plone.restapi's ``type`` and ``message``, the message in French.

Two answers, both plone.restapi's, and the one each refusal gives is kept
(apps read them):

- input that cannot be read (a body that is not the JSON object asked for, a
  field of the wrong type or length, a query parameter out of its choices)
  raises ``bad_request``: plone.rest's error view answers
  ``{"type": "BadRequest", "message": …}`` before anything is written;
- an action the rules refuse (operations' AnswerRefused and ActionRefused, a
  workflow guard, a failed login) is the service's own answer, ``refuse``:
  ``{"error": {"type": …, "message": …}}``, as plone.restapi's ``@workflow``
  and ``@login`` answer, with the status it has (400, 403 for who may not).

Content sent to plone.restapi's own services (POST, PATCH) is refused by the
field deserializers (``deserializer/``) raising content's ``Refused``, which
plone.restapi answers as the first kind. Who may not see is an Unauthorized:
a 401, worded in French below. Messages are msgids (``_()``) or text the
operations already translated.
"""

from collective.convocation import _
from collective.convocation.interfaces import IBrowserLayer
from plone import api
from plone.rest.errors import ErrorHandling
from zExceptions import BadRequest


KINDS = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden"}


def bad_request(message) -> BadRequest:
    """The exception to raise for unreadable input: a 400, in French."""
    return BadRequest(api.portal.translate(message))


def refuse(request, message, status: int = 400, kind: str | None = None) -> dict:
    """The answer of a service that refuses the action: ``{"error": {"type", "message"}}``."""
    request.response.setStatus(status)
    return {"error": {"type": kind or KINDS[status], "message": api.portal.translate(message)}}


class FrenchUnauthorized(ErrorHandling):
    """plone.rest's JSON error, with Zope's English refusal put in French for the officials' apps."""

    def render_exception(self, exception):
        result = super().render_exception(exception)
        if (
            IBrowserLayer.providedBy(self.request)  # the add-on installed on this site
            and isinstance(result, dict)
            and result.get("message") == "You are not authorized to access this resource."
        ):
            result["message"] = api.portal.translate(
                _("You are not allowed to do this: log in with an account that has access.")
            )
        return result
