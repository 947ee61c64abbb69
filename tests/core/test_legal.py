"""legal.py, table by table: jours francs, notice, urgency, quorum, proxies."""

from collective.convocation.core import legal
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest


UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "sent,meeting,days",
    [
        (date(2026, 12, 1), date(2026, 12, 5), 3),  # 2, 3, 4 December
        (date(2026, 12, 1), date(2026, 12, 2), 0),  # the next day: no clear day
        (date(2026, 12, 1), date(2026, 12, 1), -1),  # the same day
        (date(2026, 1, 30), date(2026, 2, 4), 4),  # month end
        (date(2026, 12, 29), date(2027, 1, 4), 5),  # year end
        (date(2028, 2, 27), date(2028, 3, 2), 3),  # 28, 29 February, 1 March: leap year
        (date(2027, 2, 27), date(2027, 3, 2), 2),  # 28 February, 1 March: common year
        (date(2026, 3, 27), date(2026, 3, 31), 3),  # over the spring DST weekend
        (date(2026, 10, 23), date(2026, 10, 27), 3),  # over the autumn DST weekend
    ],
)
def test_clear_days(sent, meeting, days):
    assert legal.clear_days(sent, meeting) == days


@pytest.mark.parametrize(
    "moment,day",
    [
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 29)),  # 00:30 in Paris, DST night
        (datetime(2026, 3, 29, 21, 59, tzinfo=UTC), date(2026, 3, 29)),  # 23:59 summer time
        (
            datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
            date(2027, 1, 1),
        ),  # midnight in Paris, new year
        (
            datetime(2026, 10, 24, 22, 30, tzinfo=UTC),
            date(2026, 10, 25),
        ),  # 00:30, the night clocks go back
    ],
)
def test_local_day_is_the_day_in_paris(moment, day):
    assert legal.local_day(moment) == day


def test_sent_late_on_friday_in_utc_is_saturday_in_paris():
    sent = legal.local_day(datetime(2026, 3, 27, 23, 30, tzinfo=UTC))  # Saturday 00:30 in Paris
    meeting = legal.local_day(datetime(2026, 4, 1, 16, 30, tzinfo=UTC))  # Wednesday 18:30 in Paris
    assert legal.clear_days(sent, meeting) == 3  # Sunday, Monday, Tuesday


@pytest.mark.parametrize(
    "collectivity,large,assembly,setting,days,synthesis,urgency",
    [
        ("commune", False, "council", None, 3, False, 1),  # L2121-11
        ("commune", True, "council", None, 5, True, 1),  # L2121-12
        ("commune", False, "council", 4, 4, False, 1),  # a règlement intérieur asks more
        ("commune", True, "council", 2, 5, True, 1),  # never less than the law
        ("epci", False, "council", None, 3, False, 1),
        ("epci", True, "council", None, 5, True, 1),  # includes a commune of 3,500 or more
        ("syndicat", False, "council", None, 3, False, 1),
        ("departement", False, "council", None, 12, True, 1),  # L3121-19
        ("region", True, "council", None, 12, True, 1),  # L4132-18
        ("commune", True, "committee", None, 0, False, 0),  # no legal minimum
        ("commune", True, "committee", 3, 3, False, 1),
        ("epci", True, "bureau", 5, 5, False, 1),
    ],
)
def test_required_notice(collectivity, large, assembly, setting, days, synthesis, urgency):
    notice = legal.required_notice(collectivity, large, assembly, setting)
    assert notice == legal.Notice(days=days, synthesis_required=synthesis, urgency_minimum=urgency)


SMALL = legal.required_notice("commune", False, "council")
LARGE = legal.required_notice("commune", True, "council")


@pytest.mark.parametrize(
    "given,notice,urgent,reason,problem",
    [
        (3, SMALL, False, "", None),
        (2, SMALL, False, "", legal.NOTICE_TOO_SHORT),
        (5, LARGE, False, "", None),
        (4, LARGE, False, "", legal.NOTICE_TOO_SHORT),
        (1, LARGE, True, "Subvention à voter avant le 31", None),
        (0, LARGE, True, "Subvention à voter avant le 31", legal.URGENCY_TOO_SHORT),
        (4, LARGE, True, "  ", legal.URGENCY_WITHOUT_REASON),
        (-1, SMALL, False, "", legal.NOTICE_TOO_SHORT),
    ],
)
def test_notice_problem(given, notice, urgent, reason, problem):
    assert legal.notice_problem(given, notice, urgent, reason) == problem


@pytest.mark.parametrize(
    "members,needed",
    [(1, 1), (2, 2), (7, 4), (19, 10), (20, 11), (33, 17), (69, 35)],
)
def test_quorum(members, needed):
    assert legal.quorum(members) == needed


@pytest.mark.parametrize(
    "present,remote,counts,reached",
    [
        (10, 0, False, True),
        (9, 1, False, False),  # remote does not count here
        (9, 1, True, True),
        (5, 4, True, False),
    ],
)
def test_quorum_reached_of_nineteen(present, remote, counts, reached):
    assert legal.quorum_reached(present, remote, 19, counts) is reached


CONVOKED = {"anne", "bruno", "chloe", "denis"}


@pytest.mark.parametrize(
    "giver,holder,answers,held,maximum,allowed,problem",
    [
        ("anne", "bruno", {}, {}, 1, True, None),
        ("anne", "bruno", {"bruno": "present"}, {}, 1, True, None),
        ("anne", "bruno", {"bruno": "remote"}, {}, 1, True, None),
        ("anne", "anne", {}, {}, 1, True, legal.PROXY_TO_SELF),
        ("anne", "zoe", {}, {}, 1, True, legal.PROXY_HOLDER_NOT_CONVOKED),
        ("anne", "bruno", {"bruno": "absent"}, {}, 1, True, legal.PROXY_HOLDER_ABSENT),
        ("anne", "bruno", {"bruno": "proxy"}, {}, 1, True, legal.PROXY_HOLDER_ABSENT),
        ("anne", "bruno", {"bruno": "deputy"}, {}, 1, True, legal.PROXY_HOLDER_ABSENT),
        (
            "anne",
            "bruno",
            {},
            {"bruno": 1},
            1,
            True,
            legal.PROXY_HOLDER_FULL,
        ),  # L2121-20: one proxy
        ("anne", "bruno", {}, {"bruno": 1}, 2, True, None),  # an assembly allowing two
        ("anne", "bruno", {}, {"anne": 1}, 1, True, legal.PROXY_GIVER_HOLDS_ONE),
        ("anne", "bruno", {}, {}, 1, False, legal.PROXY_NOT_ALLOWED),
    ],
)
def test_proxy_problem(giver, holder, answers, held, maximum, allowed, problem):
    assert legal.proxy_problem(giver, holder, CONVOKED, answers, held, maximum, allowed) == problem
