"""The agenda's numbers when items move, and an annex's title from its file name."""

from collective.convocation.core.agenda import in_order
from collective.convocation.core.agenda import moved
from collective.convocation.core.agenda import next_number
from collective.convocation.core.agenda import renumbered
from collective.convocation.core.agenda import title_from_filename

import pytest


def after_move(numbers, index, step):
    """The numbers in the new folder order, renumbered."""
    order = moved(numbers, index, step)
    return None if order is None else renumbered([numbers[i] for i in order])


def test_plain_items_take_1_to_n_in_the_new_order():
    assert renumbered(["3", "1", "2"]) == ["1", "2", "3"]
    assert after_move(["1", "2", "3"], 2, -1) == ["1", "2", "3"]


def test_gaps_close_when_items_are_renumbered():
    assert renumbered(["1", "5", "3"]) == ["1", "2", "3"]


def test_numbers_already_in_folder_order_are_in_order_gaps_included():
    assert in_order(["1", "2", "2.1", "2.2", "3"])
    assert in_order(["1", "3", "7"])  # an item withdrawn: nothing to renumber
    assert in_order(["1", "2 bis", "2"])  # a number typed by hand is not the agenda's
    assert not in_order(["2", "1"])
    assert not in_order(["1", "2", "3", "2.1"])


def test_a_sub_item_follows_its_parents_new_number():
    # Item 2 and its sub-items went below item 3.
    assert renumbered(["1", "3", "2", "2.1", "2.2"]) == ["1", "2", "3", "3.1", "3.2"]
    # Even when the sub-item is not next to its parent.
    assert renumbered(["2", "2.1", "1"]) == ["1", "1.1", "2"]


def test_sub_items_of_one_parent_take_1_to_m_in_their_order():
    assert renumbered(["1", "1.2", "1.1", "2"]) == ["1", "1.1", "1.2", "2"]
    assert renumbered(["1", "1.1", "1.1.2", "1.1.1"]) == ["1", "1.1", "1.1.1", "1.1.2"]


def test_a_sub_item_without_its_parent_keeps_its_prefix():
    assert renumbered(["1", "4.2", "4.1"]) == ["1", "4.1", "4.2"]


@pytest.mark.parametrize("typed", ["2 bis", "A", "", "III", "2.a"])
def test_a_number_typed_by_hand_is_left(typed):
    assert renumbered(["2", typed, "1"]) == ["1", typed, "2"]


def test_an_item_moves_with_its_sub_items_past_the_whole_neighbour():
    numbers = ["1", "2", "2.1", "2.2", "3"]
    assert moved(numbers, 1, +1) == [0, 4, 1, 2, 3]
    assert after_move(numbers, 1, +1) == ["1", "2", "3", "3.1", "3.2"]
    assert moved(numbers, 4, -1) == [0, 4, 1, 2, 3]
    assert moved(numbers, 0, +1) == [1, 2, 3, 0, 4]
    assert after_move(numbers, 0, +1) == ["1", "1.1", "1.2", "2", "3"]


def test_a_sub_item_moves_among_its_siblings_only():
    numbers = ["1", "2", "2.1", "2.2", "3"]
    assert after_move(numbers, 3, -1) == ["1", "2", "2.1", "2.2", "3"]
    assert moved(numbers, 3, -1) == [0, 1, 3, 2, 4]
    assert moved(numbers, 2, -1) is None  # first under its parent
    assert moved(numbers, 3, +1) is None  # last under its parent


def test_the_first_goes_no_higher_the_last_no_lower():
    assert moved(["1", "2"], 0, -1) is None
    assert moved(["1", "2"], 1, +1) is None
    assert moved(["1"], 0, +1) is None


def test_renumbering_twice_changes_nothing():
    once = renumbered(["3", "3.1", "1", "A", "2"])
    assert once == ["1", "1.1", "2", "A", "3"]
    assert renumbered(once) == once


@pytest.mark.parametrize(
    "filename,title",
    [
        ("plan_de_financement.pdf", "Plan de financement"),
        ("plan-de-financement.pdf", "Plan de financement"),
        ("Rapport Saint-Denis 2026.PDF", "Rapport Saint-Denis 2026"),
        ("C:\\Documents\\budget.pdf", "Budget"),
        ("annexe.v2.pdf", "Annexe.v2"),
        ("sans extension", "Sans extension"),
        (".pdf", ".pdf"),
        ("", "Annexe"),
    ],
)
def test_an_annex_is_titled_from_its_file_name(filename, title):
    assert title_from_filename(filename) == title


@pytest.mark.parametrize(
    "numbers,following",
    [
        ([], "1"),
        (["1", "2", "2.1"], "3"),
        (["1", "4", "2"], "5"),  # after the highest, whatever the order
        (["A", "2 bis"], "1"),  # numbers typed by hand are not the agenda's
    ],
)
def test_a_new_item_follows_the_last_whole_number(numbers, following):
    assert next_number(numbers) == following
