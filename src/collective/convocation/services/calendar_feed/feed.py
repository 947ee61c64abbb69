"""``@calendar-feed``: the logged-in user's personal calendar link, over REST.

GET says whether he has one (its token is stored hashed: it cannot be shown
again); POST makes a new one, replacing the former, and returns it once as
{"url", "webcal"}; DELETE revokes it.
"""

from collective.convocation import _
from collective.convocation.operations import calendar_feed
from plone import api
from plone.restapi.services import Service
from zExceptions import Forbidden
from zExceptions import Unauthorized


def _userid():
    if api.user.is_anonymous():
        raise Unauthorized(api.portal.translate(_("Log in to manage your calendar link.")))
    userid = api.user.get_current().getId()
    if not api.content.find(convocation_recipient=userid, sort_limit=1):
        raise Forbidden(api.portal.translate(_("You have no convocation to follow.")))
    return userid


def _id(context):
    return f"{context.absolute_url()}/@calendar-feed"


class CalendarFeedGet(Service):
    def reply(self):
        link = calendar_feed.link_of(_userid())
        return {
            "@id": _id(self.context),
            "active": link is not None,
            "created": link["created"].isoformat() if link else None,
            # Kept hashed: shown only by the POST that makes it.
            "url": None,
            "webcal": None,
        }


class CalendarFeedPost(Service):
    def reply(self):
        userid = _userid()
        links = calendar_feed.links(calendar_feed.create(userid))
        self.request.response.setStatus(201)
        return {"@id": _id(self.context), "active": True, **links}


class CalendarFeedDelete(Service):
    def reply(self):
        calendar_feed.revoke(_userid())
        return self.reply_no_content()
