"""When failed logins lock a login out, free of Plone: the rule the PAS plugin applies."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Failures:
    """The failed tries of one login: how many, and when the last one was (seconds since the epoch)."""

    count: int
    last: float


def expired(failures, now, delay):
    """Failures older than ``delay`` seconds are forgotten: the login starts afresh."""
    return failures is None or now >= failures.last + delay


def locked(failures, now, limit, delay):
    """Refused for ``delay`` seconds after its ``limit``-th failure in a row."""
    return not expired(failures, now, delay) and failures.count >= limit


def after_failure(failures, now, delay):
    """The failures once one more try failed."""
    if expired(failures, now, delay):
        return Failures(1, now)
    return Failures(failures.count + 1, now)


def minutes_left(failures, now, delay):
    """Whole minutes until the login opens again, at least 1 while it is locked."""
    return max(1, -int(-(failures.last + delay - now) // 60))
