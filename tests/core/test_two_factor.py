"""Two-factor login's pure rules: a TOTP code in its window, once; recovery codes hashed, once."""

from collective.convocation.core import two_factor

import pyotp


NOW = 1_900_000_000.0


def test_a_code_is_accepted_in_its_window_and_the_neighbours():
    secret = two_factor.new_secret()
    totp = pyotp.TOTP(secret)
    step = int(NOW // 30)
    assert two_factor.accepted_step(secret, totp.at(NOW), None, NOW) == step
    assert two_factor.accepted_step(secret, totp.at(NOW - 30), None, NOW) == step - 1
    assert two_factor.accepted_step(secret, totp.at(NOW + 30), None, NOW) == step + 1
    assert two_factor.accepted_step(secret, totp.at(NOW - 90), None, NOW) is None


def test_a_code_is_refused_once_its_step_or_a_later_one_was_used():
    secret = two_factor.new_secret()
    code = pyotp.TOTP(secret).at(NOW)
    step = two_factor.accepted_step(secret, code, None, NOW)
    assert two_factor.accepted_step(secret, code, step, NOW) is None
    assert two_factor.accepted_step(secret, code, step + 1, NOW + 30) is None


def test_typing_slips_are_forgiven_and_junk_is_refused():
    secret = two_factor.new_secret()
    code = pyotp.TOTP(secret).at(NOW)
    assert two_factor.accepted_step(secret, f" {code[:3]} {code[3:]} ", None, NOW) is not None
    for junk in ("", None, "12345", "1234567", "abcdef", 123456):
        assert two_factor.accepted_step(secret, junk, None, NOW) is None


def test_recovery_codes_are_ten_distinct_and_kept_as_hashes():
    codes = two_factor.new_recovery_codes()
    assert len(set(codes)) == 10
    hashes = [two_factor.recovery_hash(code) for code in codes]
    assert not any(code.replace("-", "") in "".join(hashes) for code in codes)
    assert two_factor.used_recovery(hashes, codes[3]) == hashes[3]
    assert two_factor.used_recovery(hashes, codes[3].upper().replace("-", " ")) == hashes[3]
    assert two_factor.used_recovery(hashes[:3], codes[3]) is None
    assert two_factor.used_recovery(hashes, "nope") is None


def test_the_provisioning_uri_names_the_account_and_the_issuer():
    secret = two_factor.new_secret()
    uri = two_factor.provisioning_uri(secret, "agent@ville-a")
    assert uri.startswith("otpauth://totp/Convocations:agent%40ville-a?")
    assert f"secret={secret}" in uri
