"""« Assiduité »: attendance statistics of a collectivity, an assembly, or one's own.

Agents (and administrators) see every official; an official sees his own figures only, and,
without any name, those of the séances he was convoked to. The site root shows the user his own
figures across collectivities (« Mon assiduité » in his personal menu).
"""

from collective.convocation import _
from collective.convocation.content.assembly import IAssembly
from collective.convocation.core import charts
from collective.convocation.core.dates import day_of
from collective.convocation.core.dates import french_date
from collective.convocation.core.exports import assiduite
from collective.convocation.operations import attendance_stats
from collective.convocation.operations.documents import attachment
from datetime import date
from plone import api
from plone.base.interfaces.siteroot import IPloneSiteRoot
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import Unauthorized


CHART_KEYS = {
    "declared": (*assiduite.SHARED, "unanswered"),
    "actual": (*assiduite.SHARED, "unrecorded"),
}


def _day(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return False


class Filters:
    """The period and the assembly asked for, checked: bad input gives a French error and defaults."""

    def __init__(self, context, request):
        self.error = None
        first, last = attendance_stats.default_period(date.today())
        asked_first, asked_last = _day(request.form.get("from")), _day(request.form.get("to"))
        if asked_first is False or asked_last is False:
            self.error = _("Write the dates as 2026-03-31: the last 12 months are shown.")
        elif asked_first and asked_last and asked_first > asked_last:
            self.error = _(
                "The start of the period comes after its end: the last 12 months are shown."
            )
        else:
            first, last = asked_first or first, asked_last or last
        self.first, self.last = first, last
        self.assemblies = (
            []
            if IAssembly.providedBy(context) or IPloneSiteRoot.providedBy(context)
            else attendance_stats.assemblies(context)
        )
        asked = request.form.get("assembly") or ""
        self.assembly_path = None
        for path, _title in self.assemblies:
            if path.rsplit("/", 1)[-1] == asked:
                self.assembly_path = path
        self.assembly = asked if self.assembly_path else ""

    def query(self, **extra):
        values = {"from": self.first.isoformat(), "to": self.last.isoformat()}
        if self.assembly:
            values["assembly"] = self.assembly
        values.update(extra)
        return urlencode(values)


class AttendanceBase(BrowserView):
    def _figures(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see attendance statistics.")
        self.filters = Filters(self.context, self.request)
        everyone = attendance_stats.sees_everyone(self.context) and not IPloneSiteRoot.providedBy(
            self.context
        )
        self.viewer = None if everyone else api.user.get_current().getId()
        return attendance_stats.figures(
            self.context,
            self.filters.first,
            self.filters.last,
            self.filters.assembly_path,
            self.viewer,
        )


class AttendanceView(AttendanceBase):
    """The page: filters, then per official and per séance, each chart with its table."""

    chart_titles = assiduite.CHART_TITLES

    def __call__(self):
        self.officials, self.seances = self._figures()
        return self.index()

    def own(self):
        return self.viewer is not None

    def error(self):
        return api.portal.translate(self.filters.error) if self.filters.error else ""

    def several_assemblies(self):
        return len({stats.assembly for stats in self.officials}) > 1

    def official_rows(self):
        return [
            {
                "name": stats.name,
                "assembly": stats.assembly,
                "convoked": stats.convoked,
                "pairs": [
                    {"label": label, "declared": declared, "actual": actual}
                    for label, declared, actual in assiduite.side_by_side(stats)
                ],
            }
            for stats in self.officials
        ]

    def labels(self):
        """The column groups of the per-official table."""
        return [label for label, _declared, _actual in assiduite.side_by_side(_Empty())]

    def official_chart(self, side):
        several = self.several_assemblies()
        bars = [
            (
                f"{stats.name} — {stats.assembly}" if several else stats.name,
                getattr(stats, side),
            )
            for stats in self.officials
        ]
        return charts.stacked_bars(
            f"chart-{side}",
            assiduite.CHART_TITLES[side],
            assiduite.chart_description(CHART_KEYS[side]),
            bars,
            CHART_KEYS[side],
            assiduite.LABELS,
        )

    def rate_chart(self):
        groups = [
            (
                f"{day_of(stats.start)} — {stats.assembly}",
                [("declared", stats.declared_rate), ("actual", stats.actual_rate)],
            )
            for stats in self.seances
            if stats.members
        ]
        return charts.rate_bars(
            "chart-rates",
            assiduite.CHART_TITLES["rates"],
            assiduite.RATES_DESCRIPTION,
            groups,
            assiduite.RATE_LABELS,
        )

    def seance_rows(self):
        return [
            {
                "date": french_date(stats.start.astimezone(attendance_stats.PARIS).date()),
                "assembly": stats.assembly,
                "title": stats.title,
                "members": stats.members,
                "required": stats.required or assiduite.NOT_APPLICABLE,
                "declared_rate": assiduite.percent(stats.declared_rate),
                "actual_rate": assiduite.percent(stats.actual_rate, assiduite.NOT_RECORDED),
                "declared_margin": assiduite.margin_text(stats.required, stats.declared_margin),
                "actual_margin": assiduite.margin_text(
                    stats.required, stats.actual_margin, assiduite.NOT_RECORDED
                ),
            }
            for stats in self.seances
        ]

    def csv_url(self, scope):
        return f"{self.context.absolute_url()}/@@assiduite.csv?{self.filters.query(scope=scope)}"


class _Empty:
    declared = dict.fromkeys(assiduite.LABELS, 0)
    actual = dict.fromkeys(assiduite.LABELS, 0)


class AttendanceCSV(AttendanceBase):
    """``@@assiduite.csv?scope=officials|seances``: the page's tables, for a spreadsheet."""

    def __call__(self):
        officials, seances = self._figures()
        if self.request.form.get("scope") == "seances":
            data, name = assiduite.seances_csv(seances), "assiduite-seances.csv"
        else:
            data, name = assiduite.officials_csv(officials), "assiduite-elus.csv"
        return attachment(self.request.response, data, "text/csv; charset=utf-8", name)
