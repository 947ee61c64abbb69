"""Two-factor login, the pure part: TOTP codes that work once, recovery codes kept hashed.

A TOTP code is accepted in its 30-second window and the windows either side
(a phone's clock drifts), and only for a time-step later than the last one
accepted: the same code, seen on the wire, cannot be played again.
"""

import hashlib
import hmac
import pyotp
import secrets


ISSUER = "Convocations"
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def new_secret():
    return pyotp.random_base32()


def provisioning_uri(secret, login):
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name=ISSUER)


def normalized(code):
    """The code as typed, without spaces and dashes, lowercase; '' for nothing."""
    if not isinstance(code, str):
        return ""
    return "".join(code.split()).replace("-", "").lower()


def accepted_step(secret, code, last_step, now):
    """The time-step ``code`` belongs to, if it is valid at ``now`` and newer than ``last_step``.

    None when it is wrong, too old, or already used (replay).
    """
    code = normalized(code)
    if not secret or len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes(count=RECOVERY_CODES):
    """Codes like ``k7pq-3xzr-m2wa``: 12 characters out of 31, about 59 bits each."""
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def recovery_hash(code):
    return hashlib.sha256(normalized(code).encode()).hexdigest()


def used_recovery(hashes, code):
    """The stored hash ``code`` matches, or None. The caller removes it: it works once."""
    code = normalized(code)
    if len(code) != 12:
        return None
    wanted = recovery_hash(code)
    for stored in hashes:
        if hmac.compare_digest(stored, wanted):
            return stored
    return None
