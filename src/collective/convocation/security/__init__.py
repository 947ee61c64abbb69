"""Accounts' security: login throttling, the password rule, who may list whom."""
