"""The login lockout's arithmetic: five failures in a row lock a login for the delay."""

from collective.convocation.core.lockout import after_failure
from collective.convocation.core.lockout import Failures
from collective.convocation.core.lockout import locked
from collective.convocation.core.lockout import minutes_left


def test_the_fifth_failure_in_a_row_locks_for_the_delay():
    failures = None
    for second in range(5):
        assert not locked(failures, second, 5, 900)
        failures = after_failure(failures, second, 900)
    assert failures == Failures(5, 4)
    assert locked(failures, 4 + 899, 5, 900)
    assert minutes_left(failures, 4 + 899, 900) == 1
    assert minutes_left(failures, 5, 900) == 15
    assert not locked(failures, 4 + 900, 5, 900)


def test_failures_older_than_the_delay_are_forgotten():
    old = Failures(4, 0)
    assert after_failure(old, 901, 900) == Failures(1, 901)
    assert after_failure(old, 899, 900) == Failures(5, 899)
