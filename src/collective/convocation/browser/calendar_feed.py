"""The personal calendar feed in the browser: the feed itself, and « Mon agenda » in « Mes convocations »."""

from collective.convocation import _
from collective.convocation.browser.official import has_convocations
from collective.convocation.core.calendar_feed import token_of
from collective.convocation.core.dates import french_date
from collective.convocation.core.legal import PARIS
from collective.convocation.operations import calendar_feed
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import segno


# Calendars come back about every hour; the feed is personal: no shared cache keeps it.
CACHE_CONTROL = "private, max-age=900"
# Where the token just made waits for the section (never in the form: a link cannot show one).
JUST_MADE = "collective.convocation.calendar_feed.token"


@implementer(IPublishTraverse)
class CalendarFeed(BrowserView):
    """``@@calendrier/<token>.ics``: the feed of the token's official, without login.

    Any other name, a further step, an unknown or revoked token: 404, the same.
    """

    token = None

    def publishTraverse(self, request, name):
        if self.token is not None or token_of(name) is None:
            raise NotFound(name)
        self.token = token_of(name)
        return self

    def __call__(self):
        userid = calendar_feed.owner_of(self.token)
        if userid is None:
            raise NotFound("calendrier")
        body = calendar_feed.feed_of(userid)
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition", 'inline; filename="mes-seances.ics"')
        response.setHeader("Cache-Control", CACHE_CONTROL)
        # The address is the credential: no page it leads to should learn it.
        response.setHeader("Referrer-Policy", "no-referrer")
        response.setHeader("X-Robots-Tag", "noindex")
        return body


class MyAgendaSection(BrowserView):
    """« Mon agenda » in « Mes convocations », for a user who has convocations."""

    def available(self):
        return not api.user.is_anonymous() and has_convocations(self.userid())

    def userid(self):
        return api.user.get_current().getId()

    def made(self):
        """The link just made in this request: {"url", "webcal", "qr"}, else None."""
        token = IAnnotations(self.request).get(JUST_MADE)
        if token is None:
            return None
        links = calendar_feed.links(token)
        return {**links, "qr": qr_svg(links["webcal"])}

    def existing(self):
        """The link he already has, as its date of creation in French; None when he has none."""
        link = calendar_feed.link_of(self.userid())
        if link is None:
            return None
        return french_date(link["created"].astimezone(PARIS).date())

    def action(self):
        return f"{api.portal.get().absolute_url()}/@@mon-agenda#mon-agenda"


def qr_svg(text):
    """The QR code of ``text``, as inline SVG; the page says in words what it holds."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", svgclass="calendar-feed-qr", lineclass=None
    )
    # The figure's caption names it: the drawing itself is not read out.
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


class MyAgendaLink(BrowserView):
    """POST ``@@mon-agenda``: make (or renew) the user's link, or revoke it.

    A new link is shown at once, in the page this request returns: its token
    is kept nowhere in clear, so it can never be shown again.
    """

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("mon-agenda")
        if self.request.method != "POST":
            raise BadRequest("POST")
        CheckAuthenticator(self.request)
        userid = api.user.get_current().getId()
        if not has_convocations(userid):
            raise Unauthorized("mon-agenda")
        portal = api.portal.get()
        if self.request.form.get("action") == "revoke":
            calendar_feed.revoke(userid)
            api.portal.show_message(
                _("Your calendar link is revoked: its address gives nothing any more."),
                request=self.request,
            )
            self.request.response.redirect(f"{portal.absolute_url()}/@@mes-convocations#mon-agenda")
            return ""
        IAnnotations(self.request)[JUST_MADE] = calendar_feed.create(userid)
        # The page shows the secret: no cache, no back-button copy, keeps it.
        self.request.response.setHeader("Cache-Control", "no-store")
        return portal.restrictedTraverse("@@mes-convocations")()
