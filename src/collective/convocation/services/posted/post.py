from collective.convocation import _
from collective.convocation.operations.paper import parse_day
from collective.convocation.operations.paper import record_posted
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.schemas import USER_ID
from collective.convocation.services.body import json_object
from collective.convocation.services.body import parse_object
from collective.convocation.services.errors import bad_request
from collective.convocation.services.errors import refuse
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


# More than any assembly's paper recipients.
MAX_RECIPIENTS = 1000


def user_ids(value) -> list:
    """The ``recipients`` of the body: a list of user ids; a 400 otherwise."""
    if not isinstance(value, list) or len(value) > MAX_RECIPIENTS:
        raise bad_request(_("The field « recipients » must be a list of user ids."))
    if not all(isinstance(item, str) and 0 < len(item) <= USER_ID for item in value):
        raise bad_request(_("The field « recipients » must be a list of user ids."))
    return value


class Posted(Service):
    """POST <séance>/@posted {"recipients": [user id, …], "date": "AAAA-MM-JJ"}: « posté le ».

    Answers each recipient's ``posted_at`` (ISO 8601, UTC: midnight in Paris of the day).
    """

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # a JSON object of bounded size, else a 400
        data = parse_object(
            self.request.get("BODY") or b""
        )  # read again: a list is no schema field
        recipients = user_ids(data.get("recipients"))
        try:
            day = parse_day(data.get("date"))
            posted = record_posted(self.context, recipients, day)
        except ActionRefused as refused:
            return refuse(self.request, refused.message)
        return {
            "date": day.isoformat(),
            "posted": [
                {"userid": convocation.recipient, "posted_at": convocation.posted_at.isoformat()}
                for convocation in posted
            ],
        }
