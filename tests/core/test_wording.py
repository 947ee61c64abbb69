"""The time of a séance, worded once: « 18h30 », in Paris."""

from collective.convocation.core.dates import day_and_time
from collective.convocation.core.dates import time_of_day
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest


UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "value,text",
    [
        (datetime(2026, 12, 15, 17, 30, tzinfo=UTC), "18h30"),  # winter time
        (datetime(2026, 6, 15, 16, 30, tzinfo=UTC), "18h30"),  # summer time
        (datetime(2026, 12, 15, 8, 5, tzinfo=UTC), "09h05"),
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), "00h00"),
    ],
)
def test_time_of_day(value, text):
    assert time_of_day(value) == text


def test_day_and_time():
    start = datetime(2026, 12, 15, 17, 30, tzinfo=UTC)
    assert day_and_time(start) == "15 décembre 2026 à 18h30"
    assert day_and_time(start, ", ") == "15 décembre 2026, 18h30"


def test_day_and_time_takes_the_day_in_paris():
    assert day_and_time(datetime(2026, 11, 30, 23, 15, tzinfo=UTC)) == "1er décembre 2026 à 00h15"
