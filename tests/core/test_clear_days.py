"""The clear days a sending gives, the days the law asks, and who follows the large-commune rules."""

from collective.convocation.core import legal
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest


UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "sent_at,start,days",
    [
        (datetime(2026, 12, 1, 9, tzinfo=UTC), datetime(2026, 12, 5, 17, tzinfo=UTC), 3),
        # 23:30 UTC on Friday is Saturday in Paris: Sunday, Monday, Tuesday are left.
        (datetime(2026, 3, 27, 23, 30, tzinfo=UTC), datetime(2026, 4, 1, 16, 30, tzinfo=UTC), 3),
        # 23:30 UTC on the eve is already the séance's day in Paris.
        (datetime(2026, 12, 4, 23, 30, tzinfo=UTC), datetime(2026, 12, 5, 17, tzinfo=UTC), -1),
        (datetime(2026, 12, 4, 9, tzinfo=UTC), datetime(2026, 12, 5, 17, tzinfo=UTC), 0),
    ],
)
def test_clear_days_given_counts_days_in_paris(sent_at, start, days):
    assert legal.clear_days_given(sent_at, start) == days


def test_clear_days_given_is_clear_days_of_the_local_days():
    sent_at = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 00:30 on the 25th in Paris
    start = datetime(2026, 10, 29, 17, tzinfo=UTC)
    assert legal.clear_days_given(sent_at, start) == legal.clear_days(
        legal.local_day(sent_at), legal.local_day(start)
    )


@pytest.mark.parametrize(
    "urgent,days",
    [(False, 5), (True, 1)],
)
def test_required_days_are_fewer_in_an_urgency(urgent, days):
    notice = legal.required_notice("commune", True, "council", urgent=urgent)
    assert legal.required_days(notice, urgent) == days


def test_required_days_of_a_committee_follow_its_setting():
    notice = legal.required_notice("commune", False, "committee", notice_days=2)
    assert legal.required_days(notice) == 2
    assert legal.required_days(notice, urgent=True) == 1


@pytest.mark.parametrize(
    "population,declared,applies",
    [
        (3499, False, False),
        (3500, False, True),
        (legal.LARGE_COMMUNE, False, True),
        (None, False, False),
        (2000, True, True),  # an EPCI that includes a commune of 3,500 or more
        (0, False, False),
    ],
)
def test_applies_large_rules(population, declared, applies):
    assert legal.applies_large_rules(population, declared) is applies
