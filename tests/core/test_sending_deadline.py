"""The last day a convocation may leave to give the jours francs the law asks."""

from collective.convocation.core import legal
from datetime import date
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest


UTC = ZoneInfo("UTC")
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    "start,required,day",
    [
        # Séance on Saturday 5 December: 3 jours francs are the 2nd, 3rd and 4th; send on the 1st.
        (datetime(2026, 12, 5, 18, tzinfo=PARIS), 3, date(2026, 12, 1)),
        (datetime(2026, 12, 5, 18, tzinfo=PARIS), 5, date(2026, 11, 29)),
        # Urgency: one jour franc, the eve of the eve.
        (datetime(2026, 12, 5, 18, tzinfo=PARIS), 1, date(2026, 12, 3)),
        # 23:30 UTC on the 4th is already the 5th in Paris: the séance's local day counts.
        (datetime(2026, 12, 4, 23, 30, tzinfo=UTC), 3, date(2026, 12, 1)),
        # No notice at all (a committee without a setting): the eve still leaves no whole day.
        (datetime(2026, 12, 5, 18, tzinfo=PARIS), 0, date(2026, 12, 4)),
    ],
)
def test_last_sending_day(start, required, day):
    assert legal.last_sending_day(start, required) == day


@pytest.mark.parametrize("required", [0, 1, 3, 5, 12])
def test_a_sending_on_the_last_day_gives_exactly_the_required_days(required):
    start = datetime(2027, 3, 28, 18, 30, tzinfo=PARIS)  # the clocks change that night
    last = legal.last_sending_day(start, required)
    sent_at = datetime.combine(last, datetime.min.time(), tzinfo=PARIS).replace(hour=20)
    assert legal.clear_days_given(sent_at, start) == required
    # A day later is a day short.
    assert legal.clear_days_given(sent_at + timedelta(days=1), start) == required - 1


def test_overdue_from_the_day_after_the_last_day_in_paris():
    start = datetime(2026, 12, 5, 18, tzinfo=PARIS)
    # Tuesday 1st at 23:59 in Paris: still on time.
    assert not legal.sending_overdue(datetime(2026, 12, 1, 22, 59, tzinfo=UTC), start, 3)
    # 23:30 UTC on the 1st is Wednesday 2nd in Paris: too late.
    assert legal.sending_overdue(datetime(2026, 12, 1, 23, 30, tzinfo=UTC), start, 3)


def test_the_last_day_is_worded_with_its_weekday():
    from collective.convocation.core.wording import weekday_date

    assert weekday_date(legal.last_sending_day(datetime(2030, 6, 1, 18, 30, tzinfo=PARIS), 3)) == (
        "mardi 28 mai 2030"
    )
