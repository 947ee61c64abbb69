"""The agents' home: the last day to send a draft and the receipt and answer rates of a sent séance."""

from collective.convocation.core import home
from collective.convocation.core import legal
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest


PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "start,required,last_day",
    [
        # 3 jours francs before Thursday 10th: the 7th, 8th and 9th; sent on the 6th at the latest.
        (datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 3, date(2030, 10, 6)),
        (datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 5, date(2030, 10, 4)),
        (datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 1, date(2030, 10, 8)),
        (datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 0, date(2030, 10, 9)),
        # 23:30 UTC on the 9th is already the 10th in Paris.
        (datetime(2030, 10, 9, 23, 30, tzinfo=UTC), 3, date(2030, 10, 6)),
        (date(2030, 3, 2), 3, date(2030, 2, 26)),  # across the end of February
    ],
)
def test_last_sending_day(start, required, last_day):
    assert legal.last_sending_day(start, required) == last_day


@pytest.mark.parametrize("required", [0, 1, 3, 5, 12])
def test_sending_on_the_last_day_gives_exactly_the_notice(required):
    start = datetime(2030, 12, 15, 9, tzinfo=PARIS)
    last = legal.last_sending_day(start, required)
    assert legal.clear_days(last, start.date()) == required


def test_a_draft_before_its_deadline():
    found = home.deadline(datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 3, date(2030, 10, 1))
    assert found == home.Deadline(
        last_day=date(2030, 10, 6), required=3, clear_days=8, passed=False
    )


def test_a_draft_on_its_last_day_is_still_in_time():
    found = home.deadline(datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 3, date(2030, 10, 6))
    assert (found.clear_days, found.passed) == (3, False)


def test_a_draft_past_its_deadline():
    found = home.deadline(datetime(2030, 10, 10, 18, 30, tzinfo=PARIS), 3, date(2030, 10, 7))
    assert (found.clear_days, found.passed) == (2, True)


def test_rates_count_receipts_and_answers():
    rows = [(True, "present"), (True, "unanswered"), (False, "unanswered"), (False, None)]
    rows.append((True, "proxy"))
    assert home.rates(rows) == home.Rates(recipients=5, received=3, answered=2)


def test_rates_of_nobody():
    assert home.rates([]) == home.Rates(0, 0, 0)
