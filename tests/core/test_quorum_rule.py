"""The quorum, once for the rule and the forecast: majority of members in office, or none."""

from collective.convocation.core import legal
from collective.convocation.core.forecast import Line
from collective.convocation.core.forecast import quorum_forecast

import pytest


@pytest.mark.parametrize("members,needed", [(19, 10), (20, 11), (0, 1)])
def test_majority(members, needed):
    assert legal.quorum(members, "majority") == needed


def test_no_quorum_rule_asks_nobody():
    assert legal.quorum(19, "none") == 0
    assert legal.quorum_reached(0, 0, 19, False, "none")


@pytest.mark.parametrize(
    "present,remote,counts,reached",
    [(9, 1, True, True), (9, 1, False, False), (10, 0, False, True)],
)
def test_remote_counts_only_where_the_assembly_says_so(present, remote, counts, reached):
    assert legal.quorum_reached(present, remote, 19, counts) is reached


def test_the_forecast_says_what_the_rule_says():
    lines = [
        Line(f"p{i}", f"p{i}", "convocation", attendance="present", actual="present")
        for i in range(9)
    ] + [Line(f"r{i}", f"r{i}", "convocation", attendance="remote") for i in range(10)]
    forecast = quorum_forecast(lines, remote_counts=False)
    assert forecast["reached_without_remote"] is legal.quorum_reached(9, 10, 19, False)
    assert forecast["reached_with_remote"] is legal.quorum_reached(9, 10, 19, True)
    assert forecast["reached"] is False
    assert forecast["reached_in_the_room"] is legal.quorum_reached(9, 0, 19, False)
