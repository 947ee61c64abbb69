"""Attendance statistics (assiduité) against a fixture counted by hand (no Plone).

Three séances of a council of three titular seats (Alice, Bruno, Chloé) and Chloé's suppléant
Denis, convoked when she answers « remplacé ». Every case: a proxy, a suppléant, remote
attendance, an unanswered convocation, roll calls that disagree with the answers, a séance
without roll call.
"""

from collective.convocation.core.attendance_stats import by_official
from collective.convocation.core.attendance_stats import by_seance
from collective.convocation.core.attendance_stats import in_period
from collective.convocation.core.attendance_stats import Row
from datetime import datetime
from datetime import UTC

import dataclasses


S1 = datetime(2026, 1, 10, 17, 0, tzinfo=UTC)
S2 = datetime(2026, 2, 14, 17, 0, tzinfo=UTC)
S3 = datetime(2026, 3, 20, 17, 0, tzinfo=UTC)
COUNCIL = "Conseil communautaire"


def row(seance, start, official, declared, actual=None, seat="titular", **fields):
    return Row(
        seance=seance,
        assembly=COUNCIL,
        start=start,
        official=official,
        declared=declared,
        actual=actual,
        seat=seat,
        name=official.capitalize(),
        seance_title=seance,
        **fields,
    )


FIXTURE = [
    # S1: Bruno gives his proxy to Alice and is left unmarked; Chloé's suppléant comes late.
    row("s1", S1, "alice", "present", "present"),
    row("s1", S1, "bruno", "proxy", None, proxy_holder="alice"),
    row("s1", S1, "chloe", "deputy", "absent"),
    row("s1", S1, "denis", "present", "late", seat="deputy"),
    # S2: the roll call disagrees: Bruno said present and stayed away, Chloé never answered and came.
    row("s2", S2, "alice", "remote", "present"),
    row("s2", S2, "bruno", "present", "absent"),
    row("s2", S2, "chloe", "unanswered", "present"),
    # S3: no roll call (yet).
    row("s3", S3, "alice", "absent"),
    row("s3", S3, "bruno", "unanswered"),
    row("s3", S3, "chloe", "deputy"),
    row("s3", S3, "denis", "remote", seat="deputy"),
]


def nonzero(counts):
    return {key: value for key, value in counts.items() if value}


def test_per_official_declared_and_actual_side_by_side():
    found = {stats.official: stats for stats in by_official(FIXTURE)}
    assert [stats.official for stats in by_official(FIXTURE)] == [
        "alice",
        "bruno",
        "chloe",
        "denis",
    ]
    expected = {
        # official: (convoked, declared, actual)
        "alice": (
            3,
            {"present": 1, "remote": 1, "absent": 1},
            {"present": 1, "remote": 1, "unrecorded": 1},
        ),
        "bruno": (
            3,
            {"proxy": 1, "present": 1, "unanswered": 1},
            {"proxy": 1, "absent": 1, "unrecorded": 1},
        ),
        "chloe": (3, {"deputy": 2, "unanswered": 1}, {"deputy": 1, "present": 1, "unrecorded": 1}),
        "denis": (2, {"present": 1, "remote": 1}, {"present": 1, "unrecorded": 1}),
    }
    for official, (convoked, declared, actual) in expected.items():
        stats = found[official]
        assert (stats.convoked, nonzero(stats.declared), nonzero(stats.actual)) == (
            convoked,
            declared,
            actual,
        ), official
        # Every convocation counts once on each side.
        assert sum(stats.declared.values()) == sum(stats.actual.values()) == convoked


def test_unanswered_and_unmarked_is_an_absence_without_proxy():
    rows = [row("s", S1, "alice", "unanswered", None), row("s", S1, "bruno", "present", "present")]
    alice = by_official(rows)[0]
    assert nonzero(alice.declared) == {"unanswered": 1}
    assert nonzero(alice.actual) == {"absent": 1}


def test_per_seance_rates_and_quorum_margins():
    s1, s2, s3 = by_seance(list(reversed(FIXTURE)))  # oldest first, whatever the order in
    # Three titular seats: quorum 2. S1: Alice and Denis (in Chloé's seat) present.
    assert (s1.members, s1.required) == (3, 2)
    assert (s1.declared_attending, s1.declared_rate, s1.declared_margin) == (2, 67, 0)
    assert (s1.actual_attending, s1.actual_rate, s1.actual_margin) == (2, 67, 0)
    # S2: Alice remote (does not count for this quorum), Bruno present; the roll call: Alice, Chloé.
    assert (s2.declared_attending, s2.declared_rate, s2.declared_margin) == (2, 67, -1)
    assert (s2.actual_attending, s2.actual_rate, s2.actual_margin) == (2, 67, 0)
    # S3: only Denis, remote, announced; no roll call.
    assert (s3.declared_attending, s3.declared_rate, s3.declared_margin) == (1, 33, -2)
    assert (s3.actual_attending, s3.actual_rate, s3.actual_margin) == (None, None, None)


def test_remote_counts_where_the_assembly_says_so_and_no_rule_no_margin():
    counted = [dataclasses.replace(line, remote_counts=True) for line in FIXTURE]
    assert by_seance(counted)[1].declared_margin == 0  # Bruno + Alice from afar
    free = [dataclasses.replace(line, quorum_rule="none") for line in FIXTURE]
    s1 = by_seance(free)[0]
    assert (s1.required, s1.declared_margin, s1.actual_margin) == (0, None, None)
    assert s1.declared_rate == 67


def test_left_early_attended_but_is_not_in_the_room_for_the_quorum():
    rows = [
        row("s", S1, "alice", "present", "left"),
        row("s", S1, "bruno", "present", "present"),
        row("s", S1, "chloe", "absent", "absent"),
    ]
    seance = by_seance(rows)[0]
    assert (seance.actual_attending, seance.actual_rate, seance.actual_margin) == (2, 67, -1)
    assert nonzero(by_official(rows)[0].actual) == {"present": 1}


def test_period_includes_both_ends():
    assert {line.seance for line in in_period(FIXTURE, S1, S2)} == {"s1", "s2"}
    assert {line.seance for line in in_period(FIXTURE, S2, None)} == {"s2", "s3"}


def test_no_rows_no_figures():
    assert by_official([]) == [] and by_seance([]) == []
