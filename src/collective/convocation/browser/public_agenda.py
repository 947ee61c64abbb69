"""The public agenda of a collectivity (no login): its page, ICS, RSS and public documents; publishing by hand.

Public pages of a collectivity that is itself private: each reads only what
operations/public_agenda gives out (public records, never an object).
"""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.core.public_agenda import agenda_ics
from collective.convocation.core.public_agenda import agenda_rss
from collective.convocation.core.public_agenda import split
from collective.convocation.operations.public_agenda import may_publish
from collective.convocation.operations.public_agenda import page_url
from collective.convocation.operations.public_agenda import public_file
from collective.convocation.operations.public_agenda import public_seances
from collective.convocation.operations.public_agenda import publish
from collective.convocation.operations.public_agenda import PublishingRefused
from datetime import datetime
from datetime import UTC
from plone import api
from plone.namedfile.utils import set_headers
from plone.namedfile.utils import stream_data
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


def agenda_title(collectivity):
    return api.portal.translate(
        _("Agenda of the séances — ${collectivity}", mapping={"collectivity": collectivity.title})
    )


class PublicAgenda(BrowserView):
    """``<collectivity>/@@agenda-public``: upcoming and recent séances, their public agenda."""

    def __init__(self, context, request):
        super().__init__(context, request)
        # Drawn on the portal, as @@donnees-personnelles: the header, title and navigation are
        # the viewlets of a context the reader may view, and the collectivity is not public.
        self.collectivity, self.context = context, api.portal.get()

    def __call__(self):
        self.upcoming, self.recent = split(public_seances(self.collectivity), datetime.now(UTC))
        return self.index()

    def title(self):
        return agenda_title(self.collectivity)

    def parts(self):
        return [
            {"id": "upcoming", "title": _("Upcoming séances"), "seances": self.upcoming},
            {
                "id": "recent",
                "title": _("Recent séances (last three months)"),
                "seances": self.recent,
            },
        ]

    def feeds(self):
        url = self.collectivity.absolute_url()
        return {"ics": f"{url}/@@agenda.ics", "rss": f"{url}/@@agenda.rss"}


class AgendaICS(BrowserView):
    """``<collectivity>/@@agenda.ics``: the same séances for a calendar."""

    def __call__(self):
        now = datetime.now(UTC)
        upcoming, recent = split(public_seances(self.context, now), now)
        body = agenda_ics(agenda_title(self.context), upcoming + recent, now)
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition", 'inline; filename="agenda.ics"')
        return body


class AgendaRSS(BrowserView):
    """``<collectivity>/@@agenda.rss``: the same séances for a feed reader (RSS 2.0)."""

    def __call__(self):
        now = datetime.now(UTC)
        upcoming, recent = split(public_seances(self.context, now), now)
        description = api.portal.translate(
            _(
                "The séances of ${collectivity}: date, place and public agenda.",
                mapping={"collectivity": self.context.title},
            )
        )
        body = agenda_rss(
            agenda_title(self.context), page_url(self.context), description, upcoming + recent, now
        )
        self.request.response.setHeader("Content-Type", "application/rss+xml; charset=utf-8")
        return body


@implementer(IPublishTraverse)
class PublicDocument(BrowserView):
    """``<collectivity>/@@document-public/<uid>``: a public document of a published séance.

    Anything else, and anything unknown, is a 404: nobody learns what exists.
    """

    uid = None

    def publishTraverse(self, request, name):
        if self.uid is not None:
            raise NotFound(name)
        self.uid = name
        return self

    def __call__(self):
        found = public_file(self.context, self.uid)
        if found is None:
            raise NotFound(self.uid or "")
        _holder, file = found
        response = self.request.response
        # A download, never shown in the browser: a File need not be a PDF.
        set_headers(file, response, filename=file.filename or "document.pdf")
        response.setHeader("X-Content-Type-Options", "nosniff")
        return stream_data(file)


class PublishAgenda(BrowserView):
    """``<seance>/@@publier-ordre-du-jour``: the agent publishes the agenda he kept back.

    For those who may send the convocations (zcml); GET asks, POST publishes.
    """

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "form.buttons.publish" in self.request.form:
                try:
                    publish(self.context)
                except PublishingRefused as refused:
                    api.portal.show_message(refused.message, self.request, type="error")
                else:
                    api.portal.show_message(_("The agenda is published."), self.request)
            return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def may_publish(self):
        return may_publish(self.context)

    def public_url(self):
        return page_url(ancestor(self.context, ICollectivity))
