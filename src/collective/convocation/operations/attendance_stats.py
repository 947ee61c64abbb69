"""Attendance statistics (assiduité): the Plone side of core/attendance_stats, read from the catalog.

Only séances that were sent count (notified or archived): a draft convoked nobody, a cancelled
séance was held by nobody. Invitees hold no seat and are left out.
"""

from collective.convocation import permissions
from collective.convocation.content.assembly import IAssembly
from collective.convocation.core import attendance_stats
from collective.convocation.core.legal import PARIS
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from plone import api


COUNTED_STATES = frozenset({"notified", "archived"})
# The default period: the last twelve months, up to today.
DEFAULT_DAYS = 365


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=DEFAULT_DAYS), today


def bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The moments from the first day's midnight to the last day's end, in Paris."""
    return (
        datetime.combine(first, time.min, tzinfo=PARIS),
        datetime.combine(last, time.max, tzinfo=PARIS),
    )


def sees_everyone(context) -> bool:
    """Agents (and administrators) of the collectivity see every official; the others themselves."""
    return api.user.has_permission(permissions.ViewTracking, obj=context)


def assemblies(context):
    """[(path, title)] of the assemblies under ``context`` (itself, when it is one)."""
    if IAssembly.providedBy(context):
        return [("/".join(context.getPhysicalPath()), context.Title())]
    brains = api.content.find(
        context=context, portal_type="Assembly", sort_on="sortable_title", unrestricted=True
    )
    return [(brain.getPath(), brain.Title) for brain in brains]


def _assembly_rules(path, cache):
    """(title, quorum rule, remote counts) of the assembly at ``path``, each woken once."""
    if path not in cache:
        assembly = api.portal.get().unrestrictedTraverse(path)
        cache[path] = (
            assembly.Title(),
            assembly.quorum or "majority",
            bool(assembly.remote_counts_for_quorum),
        )
    return cache[path]


def rows(scope_path, first: date, last: date):
    """One core Row per official's convocation to a sent séance under ``scope_path`` in the period.

    Read unrestricted: the caller decides who sees which figures (``figures``).
    """
    start, end = bounds(first, last)
    brains = api.content.find(
        path=scope_path,
        portal_type="Convocation",
        convocation_category="convocation",
        seance_start={"query": (start, end), "range": "min:max"},
        unrestricted=True,
    )
    cache, found = {}, []
    for brain in brains:
        if brain.seance_state not in COUNTED_STATES:
            continue
        # …/assembly/seance/convocation: the assembly is two steps up.
        title, rule, remote_counts = _assembly_rules(brain.getPath().rsplit("/", 2)[0], cache)
        tracked = brain.convocation_tracking or {}
        found.append(
            attendance_stats.Row(
                seance=brain.seance_uid,
                assembly=title,
                start=brain.seance_start,
                official=brain.convocation_recipient,
                declared=brain.convocation_attendance or "unanswered",
                actual=tracked.get("actual"),
                seat=tracked.get("seat", "titular"),
                proxy_holder=brain.convocation_proxy_holder,
                name=tracked.get("name") or brain.Title or brain.convocation_recipient,
                sort_name=tracked.get("sort_name", ""),
                seance_title=brain.seance_title or "",
                quorum_rule=rule,
                remote_counts=remote_counts,
            )
        )
    return found


def figures(context, first: date, last: date, assembly_path=None, viewer=None):
    """(per official, per séance) for ``context``, as ``viewer`` may see them.

    ``viewer``: None for an agent (everyone), else a user id: only his own figures, and the
    figures (no name) of the séances he was convoked to.
    """
    found = rows(assembly_path or "/".join(context.getPhysicalPath()), first, last)
    if viewer is not None:
        his = {row.seance for row in found if row.official == viewer}
        found = [row for row in found if row.seance in his]
    officials = attendance_stats.by_official(found)
    if viewer is not None:
        officials = [stats for stats in officials if stats.official == viewer]
    return officials, attendance_stats.by_seance(found)
