"""The proxy rules the answers apply: who holds how many, who may stay away, whose proxies a holder carries."""

from collective.convocation.core import legal

import pytest


PROXIES = [
    ("anne", "proxy", "bruno"),
    ("chloe", "proxy", "bruno"),
    ("denis", "present", "bruno"),  # a holder left over from a withdrawn proxy
    ("emma", "proxy", None),
    ("fred", "proxy", "anne"),
]


def test_proxies_held_counts_the_proxies_given():
    assert legal.proxies_held(PROXIES) == {"bruno": 2, "anne": 1}


def test_proxies_held_leaves_out_the_giver_who_is_answering():
    assert legal.proxies_held(PROXIES, except_giver="anne") == {"bruno": 1, "anne": 1}


@pytest.mark.parametrize(
    "attendance,holds,problem",
    [
        ("absent", 1, legal.HOLDER_STAYS_AWAY),
        ("proxy", 1, legal.HOLDER_STAYS_AWAY),
        ("deputy", 2, legal.HOLDER_STAYS_AWAY),
        ("present", 1, None),
        ("remote", 1, None),
        ("absent", 0, None),
    ],
)
def test_a_holder_cannot_stay_away(attendance, holds, problem):
    assert legal.absence_problem(attendance, holds) == problem


@pytest.mark.parametrize(
    "givers,holder,new_holder,after",
    [
        ((), "bruno", "bruno", ("anne",)),  # anne gives bruno her proxy
        (("anne", "chloe"), "bruno", "denis", ("chloe",)),  # anne takes hers to denis
        (("chloe",), "bruno", None, ("chloe",)),  # anne gives no proxy: nothing changes
        (("anne",), "bruno", "bruno", ("anne",)),  # given again: once
    ],
)
def test_givers_after(givers, holder, new_holder, after):
    assert legal.givers_after(givers, "anne", holder, new_holder) == after
