"""Upgrade steps, one folder per profile version; old class paths kept importable (aliases.py)."""

from collective.convocation.upgrades import aliases


aliases.install()
