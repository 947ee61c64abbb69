"""The tracking table's filters and sorts, and the roll call's times: plain values, no Plone."""

from collective.convocation.core import recipients
from collective.convocation.core import roll_call
from collective.convocation.core.forecast import Line
from datetime import date
from datetime import datetime
from datetime import UTC

import pytest


def line(userid, sort_name, **fields):
    return Line(userid=userid, name=userid, category="convocation", sort_name=sort_name, **fields)


SENT = datetime(2030, 1, 2, 8, 0, tzinfo=UTC)
LINES = [
    line("zoe", "zoé anne", sent_at=SENT, delivery="sent", received_at=SENT, attendance="present"),
    line("etienne", "étienne paul", delivery="paper", attendance="unanswered"),
    line("eve", "eve marc", sent_at=SENT, delivery="failed", attendance="absent"),
    line("adam", "adam luc", delivery="unreachable", attendance="proxy"),
]


def userids(lines):
    return [line.userid for line in lines]


def test_filters_keep_what_they_say():
    assert userids(recipients.shown(LINES, "sans-accuse")) == ["etienne", "eve", "adam"]
    assert userids(recipients.shown(LINES, "sans-reponse")) == ["etienne"]
    assert userids(recipients.shown(LINES, "non-joints")) == ["eve", "adam"]
    assert userids(recipients.shown(LINES, "papier")) == ["etienne"]
    assert userids(recipients.shown(LINES, "pouvoirs")) == ["adam"]
    counts = recipients.counts(LINES)
    assert counts["tous"] == 4 and counts["presents"] == 1 and counts["absents"] == 1


def test_names_sort_the_french_way_accents_ignored():
    assert userids(recipients.shown(LINES, sort="nom")) == ["adam", "etienne", "eve", "zoe"]
    assert userids(recipients.shown(LINES, sort="nom", order="desc")) == [
        "zoe",
        "eve",
        "etienne",
        "adam",
    ]


def test_lines_without_a_value_come_last_either_way():
    assert userids(recipients.shown(LINES, sort="envoi", order="desc"))[-2:] == ["adam", "etienne"]
    assert userids(recipients.shown(LINES, sort="reception"))[0] == "zoe"
    assert userids(recipients.shown(LINES, sort="reponse")) == ["zoe", "adam", "eve", "etienne"]


@pytest.mark.parametrize("value", [None, "", ["tous"], "nimporte"])
def test_an_unknown_choice_falls_back(value):
    assert recipients.chosen(value, recipients.FILTERS, "tous") == "tous"


def test_times_are_paris_time_on_the_seance_day_stored_in_utc():
    arrived, left = roll_call.times(date(2030, 1, 15), "18:35", "20h05")
    assert arrived == datetime(2030, 1, 15, 17, 35, tzinfo=UTC)  # winter: UTC+1
    assert left == datetime(2030, 1, 15, 19, 5, tzinfo=UTC)
    assert roll_call.clock_of(arrived) == "18:35"
    summer, _ = roll_call.times(date(2030, 6, 2), "18:35", "")
    assert summer == datetime(2030, 6, 2, 16, 35, tzinfo=UTC)
    assert roll_call.times(date(2030, 6, 2), "", None) == (None, None)


@pytest.mark.parametrize(
    "arrived,left,code",
    [
        ("7 heures", "", roll_call.TIME_NOT_UNDERSTOOD),
        ("24:00", "", roll_call.TIME_NOT_UNDERSTOOD),
        ("18:35", "18:30", roll_call.LEFT_BEFORE_ARRIVAL),
    ],
)
def test_unreadable_or_reversed_times_are_refused(arrived, left, code):
    with pytest.raises(roll_call.TimeProblem) as problem:
        roll_call.times(date(2030, 6, 2), arrived, left)
    assert problem.value.code == code


def test_all_present_fills_only_the_unmarked():
    assert roll_call.all_present({"a": "", "b": "absent", "c": None}) == {
        "a": "present",
        "b": "absent",
        "c": "present",
    }
