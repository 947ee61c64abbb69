"""Attendance statistics (assiduité), free of Plone: plain rows in, counts and rates out.

One ``Row`` per official's convocation to a sent séance (invitees are not rows: they hold no
seat). The Plone side (operations/attendance_stats.py) reads them from the catalog.

What counts where, for one official:

- *convoked*: every row, whatever the answer.
- *declared* (the official's answer before the séance), one of ``DECLARED``:
  present, remote (« à distance »), proxy (« représenté » : gave a proxy), deputy (« remplacé
  par le suppléant »), absent, unanswered (« sans réponse »: the convocation was never
  answered; it is *not* counted as absent on the declared side).
- *actual* (the roll call), one of ``ACTUAL``, once the séance's roll call has at least one mark:
    - marked present, late or left early: he attended. « À distance » when he had declared
      remote (the roll call does not tell remote from the room), « présent » otherwise;
    - marked absent or left unmarked: « représenté » when he had given a proxy, « remplacé »
      when his suppléant replaced him, « absent » otherwise (so an unanswered convocation
      with no mark is an absence without proxy);
    - a séance with no mark at all has had no roll call: « appel non fait » (``unrecorded``).

Per séance, with ``members`` the titular seats convoked (members in office, as the tracking's
quorum counts them: a suppléant sits in his titular's seat):

- declared rate: declared present + remote over members, what the answers announced;
- actual rate: those who attended (present, late, left early; remote included since the roll call
  marks them present) over members; None before the roll call;
- quorum margin: those who count for the quorum minus the quorum (core/legal: ⌊n/2⌋ + 1).
  Declared: present, plus remote where the assembly counts remote attendance; actual: those in
  the room (present or late: core/forecast's rule, the one the tracking shows). Proxies never
  count. None where the assembly has no quorum rule. Negative: the quorum was (would be) missed.
"""

from collective.convocation.core import forecast
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime


DECLARED = ("present", "remote", "proxy", "deputy", "absent", "unanswered")
ACTUAL = ("present", "remote", "proxy", "deputy", "absent", "unrecorded")
# Roll-call marks of someone who attended the séance, at least in part.
ATTENDED = frozenset({"present", "late", "left"})


@dataclass(frozen=True)
class Row:
    seance: str  # a séance's identifier (its UID)
    assembly: str  # the assembly's title
    start: datetime
    official: str  # user id
    declared: str = "unanswered"  # vocabularies.attendances
    actual: str | None = None  # vocabularies.actual_attendances; None: not marked
    seat: str = "titular"  # titular | deputy
    proxy_holder: str | None = None
    name: str = ""  # the official's full name, for the tables
    sort_name: str = ""  # « nom prénom », lower case
    seance_title: str = ""
    quorum_rule: str = "majority"  # the assembly's
    remote_counts: bool = False  # the assembly's remote_counts_for_quorum


@dataclass
class OfficialStats:
    official: str
    name: str
    assembly: str
    sort_name: str = ""
    convoked: int = 0
    declared: dict = field(default_factory=lambda: dict.fromkeys(DECLARED, 0))
    actual: dict = field(default_factory=lambda: dict.fromkeys(ACTUAL, 0))


@dataclass(frozen=True)
class SeanceStats:
    seance: str
    title: str
    assembly: str
    start: datetime
    members: int  # titular seats convoked
    declared_attending: int
    actual_attending: int | None  # None before the roll call
    declared_rate: int | None  # per cent, rounded; None without members
    actual_rate: int | None
    required: int  # the quorum; 0 without a quorum rule
    declared_margin: int | None
    actual_margin: int | None


def called(rows) -> set:
    """The séances whose roll call has at least one mark."""
    return {row.seance for row in rows if row.actual}


def actual_of(row, roll_call_held: bool) -> str:
    """The ``ACTUAL`` category of one row (see the module's docstring)."""
    if not roll_call_held:
        return "unrecorded"
    if row.actual in ATTENDED:
        return "remote" if row.declared == "remote" else "present"
    if row.declared in ("proxy", "deputy"):
        return row.declared
    return "absent"


def declared_of(row) -> str:
    return row.declared if row.declared in DECLARED else "unanswered"


def by_official(rows) -> list[OfficialStats]:
    """One OfficialStats per (official, assembly), by assembly then last name."""
    held = called(rows)
    found = {}
    for row in rows:
        key = (row.assembly, row.official)
        stats = found.get(key)
        if stats is None:
            stats = found[key] = OfficialStats(
                official=row.official,
                name=row.name or row.official,
                assembly=row.assembly,
                sort_name=row.sort_name or (row.name or row.official).lower(),
            )
        stats.convoked += 1
        stats.declared[declared_of(row)] += 1
        stats.actual[actual_of(row, row.seance in held)] += 1
    return sorted(found.values(), key=lambda stats: (stats.assembly, stats.sort_name))


def _rate(count, members):
    if count is None or not members:
        return None
    return round(100 * count / members)


def _margin(counting, required):
    return None if not required or counting is None else counting - required


def of_seance(rows) -> SeanceStats:
    """The figures of one séance from its rows (all of the same séance)."""
    first = rows[0]
    lines = [
        forecast.Line(
            userid=row.official,
            name="",
            category="convocation",
            seat=row.seat,
            attendance=declared_of(row),
            actual=row.actual,
        )
        for row in rows
    ]
    quorum = forecast.quorum_forecast(lines, first.remote_counts, first.quorum_rule)
    members, required = quorum["members_in_office"], quorum["required"]
    declared = quorum["present"] + quorum["remote"]
    held = any(row.actual for row in rows)
    attended = sum(1 for row in rows if row.actual in ATTENDED) if held else None
    counting = quorum["present"] + (quorum["remote"] if first.remote_counts else 0)
    return SeanceStats(
        seance=first.seance,
        title=first.seance_title,
        assembly=first.assembly,
        start=first.start,
        members=members,
        declared_attending=declared,
        actual_attending=attended,
        declared_rate=_rate(declared, members),
        actual_rate=_rate(attended, members),
        required=required,
        declared_margin=_margin(counting, required),
        actual_margin=_margin(quorum["in_the_room"] if held else None, required),
    )


def by_seance(rows) -> list[SeanceStats]:
    """One SeanceStats per séance, oldest first."""
    grouped = {}
    for row in rows:
        grouped.setdefault(row.seance, []).append(row)
    return sorted((of_seance(found) for found in grouped.values()), key=lambda stats: stats.start)


def in_period(rows, start, end) -> list:
    """The rows of séances from ``start`` to ``end`` (datetimes, both included, None: open)."""
    return [
        row
        for row in rows
        if (start is None or row.start >= start) and (end is None or row.start <= end)
    ]
