"""The tracking's figures and the quorum forecast, from plain lines (no Plone)."""

from collective.convocation.core.forecast import counts
from collective.convocation.core.forecast import Line
from collective.convocation.core.forecast import quorum_forecast
from datetime import datetime
from datetime import UTC


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def official(name, attendance="unanswered", **fields):
    return Line(userid=name, name=name, category="convocation", attendance=attendance, **fields)


def council(present, remote, absent, proxies=0):
    """A council of ``present + remote + absent + proxies`` titulars."""
    return (
        [official(f"p{i}", "present") for i in range(present)]
        + [official(f"r{i}", "remote") for i in range(remote)]
        + [official(f"a{i}", "absent") for i in range(absent)]
        + [official(f"x{i}", "proxy", proxy_holder="p0") for i in range(proxies)]
    )


def test_counts_of_a_sent_seance():
    lines = [
        official("a", "present", delivery="sent", sent_at=NOW, received_at=NOW),
        official("b", "proxy", delivery="queued", sent_at=NOW, received_at=NOW, proxy_holder="a"),
        official("c", delivery="failed", sent_at=NOW),
        official("d", delivery="paper", sent_at=NOW),
        official("e", delivery="unreachable", sent_at=NOW),
        Line("f", "f", "invitation", attendance="absent", delivery="sent", received_at=NOW),
    ]
    assert counts(lines) == {
        "recipients": 6,
        "sent": 4,
        "delivered": 2,
        "received": 3,
        "answered": 3,
        "present": 1,
        "remote": 0,
        "absent": 1,
        "proxies": 1,
        "replaced": 0,
        "unreachable": 1,
        "paper": 1,
    }


def test_majority_of_members_in_office_proxies_never_count():
    # 19 members: quorum 10. 9 present + 4 proxies is not enough.
    forecast = quorum_forecast(council(9, 0, 6, proxies=4), remote_counts=False)
    assert forecast["members_in_office"] == 19
    assert forecast["required"] == 10
    assert forecast["reached"] is False
    assert forecast["proxies"] == 4


def test_remote_counts_only_where_the_assembly_says_so():
    lines = council(8, 3, 8)
    without = quorum_forecast(lines, remote_counts=False)
    assert (
        without["reached"],
        without["reached_without_remote"],
        without["reached_with_remote"],
    ) == (
        False,
        False,
        True,
    )
    assert quorum_forecast(lines, remote_counts=True)["reached"] is True


def test_a_deputy_sits_in_the_titulars_seat_and_invitees_never_count():
    lines = [
        official("t1", "deputy"),
        official("s1", "present", seat="deputy"),
        official("t2", "present"),
        official("t3", "absent"),
        Line("guest", "guest", "invitation", attendance="present"),
    ]
    forecast = quorum_forecast(lines, remote_counts=False)
    assert forecast["members_in_office"] == 3
    assert forecast["present"] == 2
    assert forecast["reached"] is True


def test_roll_call_quorum_counts_the_late_not_those_who_left():
    lines = [
        official("a", "present", actual="present"),
        official("b", "absent", actual="late"),
        official("c", "present", actual="left"),
        official("d", "present", actual="absent"),
        official("e", "present"),
    ]
    forecast = quorum_forecast(lines, remote_counts=False)
    assert forecast["in_the_room"] == 2
    assert forecast["reached_in_the_room"] is False  # 3 of 5 needed
    assert forecast["reached"] is True  # 4 announced present


def test_an_assembly_without_quorum_always_reaches_it():
    forecast = quorum_forecast(council(0, 0, 5), remote_counts=False, rule="none")
    assert forecast["required"] == 0
    assert forecast["reached"] is True
