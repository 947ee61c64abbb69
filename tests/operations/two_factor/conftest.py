"""Two-factor login's tests: the clock that TOTP codes are computed from, held still and moved by the tests."""

from collective.convocation.security import two_factor

import pytest


T0 = 1_900_000_000.0


@pytest.fixture
def clock(monkeypatch):
    """[now]: the time two-factor login reads; a test moves it by changing clock[0]."""
    now = [T0]
    monkeypatch.setattr(two_factor, "clock", lambda: now[0])
    return now
