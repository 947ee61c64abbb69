"""@@tracking-table: the recipients of a séance, filtered and sorted by the query string (no script needed).

An HTML fragment: the séance's page embeds it; its links keep the address of the page that shows it.
"""

from collective.convocation import _
from collective.convocation.core import recipients
from collective.convocation.core.dates import day_of
from collective.convocation.core.dates import moment
from collective.convocation.core.dates import time_of_day
from collective.convocation.core.delivery import sent_when
from collective.convocation.operations.people import full_name
from collective.convocation.operations.tracking import lines
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import deliveries
from collective.convocation.vocabularies import term_title
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


FILTER_TITLES = (
    ("tous", _("All")),
    ("sans-accuse", _("No acknowledgement of receipt")),
    ("sans-reponse", _("No answer")),
    ("presents", _("Present ones")),
    ("a-distance", _("Remote")),
    ("absents", _("Absent ones")),
    ("pouvoirs", _("Proxies")),
    ("non-joints", _("Not reached")),
    ("papier", _("Paper")),
)
ANCHOR = "tracking-recipients"


class TrackingTable(BrowserView):
    """The table of the agents' tracking: « ?filtre=sans-accuse&tri=reception&ordre=desc »."""

    def __call__(self):
        form = self.request.form
        self.filter = recipients.chosen(
            form.get("filtre"), recipients.FILTERS, recipients.DEFAULT_FILTER
        )
        self.sort = recipients.chosen(form.get("tri"), recipients.SORTS, None)
        self.order = recipients.chosen(form.get("ordre"), recipients.ORDERS, "asc")
        self.lines = lines(self.context)
        self.shown = recipients.shown(self.lines, self.filter, self.sort, self.order)
        return self.index()

    def url(self, **query):
        """The page showing the table (the séance's, or this fragment), with the table's query."""
        current = {"filtre": self.filter, "tri": self.sort, "ordre": self.order}
        current.update(query)
        kept = {name: value for name, value in current.items() if value}
        if kept.get("filtre") == recipients.DEFAULT_FILTER:
            del kept["filtre"]
        if "tri" not in kept:
            kept.pop("ordre", None)
        base = self.request.get("ACTUAL_URL") or self.context.absolute_url()
        return f"{base}?{urlencode(kept)}#{ANCHOR}" if kept else f"{base}#{ANCHOR}"

    def filters(self):
        counts = recipients.counts(self.lines)
        return [
            {
                "title": api.portal.translate(title),
                "count": counts[slug],
                "url": self.url(filtre=slug),
                "current": slug == self.filter,
            }
            for slug, title in FILTER_TITLES
        ]

    def sorting(self, key):
        """A sortable header: its link (ascending first, then the other way) and its aria-sort."""
        active = self.sort == key
        order = "desc" if active and self.order == "asc" else "asc"
        return {
            "url": self.url(tri=key, ordre=order),
            "aria_sort": ("ascending" if self.order == "asc" else "descending") if active else None,
            "arrow": ("▲" if self.order == "asc" else "▼") if active else "",
        }

    def has_paper(self):
        return any(line.delivery == "paper" for line in self.lines)

    def rows(self):
        context = self.context
        names = {}

        def name(userid):
            if userid not in names:
                names[userid] = full_name(userid)
            return names[userid]

        def times(line):
            said = []
            if line.arrived_at:
                said.append(
                    api.portal.translate(
                        _("arrived at ${time}", mapping={"time": time_of_day(line.arrived_at)})
                    )
                )
            if line.left_at:
                said.append(
                    api.portal.translate(
                        _("left at ${time}", mapping={"time": time_of_day(line.left_at)})
                    )
                )
            return ", ".join(said)

        return [
            {
                "name": line.name,
                "invitee": line.category != "convocation",
                "group": line.group,
                "sent": moment(sent_when(line.delivery, line.sent_at, None)),  # paper: « Posté le »
                "delivery": term_title(deliveries, line.delivery, context),
                "delivery_error": line.delivery_error,
                "posted": day_of(line.posted_at),
                "paper": line.delivery == "paper",
                "received": moment(line.received_at),
                "attendance": term_title(attendances, line.attendance, context),
                "proxy_holder": name(line.proxy_holder) if line.proxy_holder else "",
                "actual": term_title(actual_attendances, line.actual, context),
                "times": times(line),
            }
            for line in self.shown
        ]
