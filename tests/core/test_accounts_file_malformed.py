"""i-delibRE's user file, malformed line by line, parsed without Plone: each bad line reported, the others read."""

from collective.convocation.core import accounts

import codecs
import pytest


HEADER = "civilite;username;prenom;nom;email;role;telephone;titre;suppleant"
GOOD_BEFORE = "Mme;;Claire;Dubois;claire@example.org;3;;Conseillère municipale;"
GOOD_AFTER = "M.;;Étienne;Faure;etienne@example.org;2;;Secrétaire général;"


def parse(*lines, encoding="utf-8", newline="\r\n"):
    data = newline.join(lines).encode(encoding) if isinstance(lines[0], str) else b"".join(lines)
    return accounts.parse_accounts(data)


def emails(parsed):
    return [account.email for account in parsed]


@pytest.mark.parametrize(
    "bad,code",
    [
        ("Jean Dupont jean@example.org 3", accounts.NO_SEPARATOR),
        ("M.;;Jean;Du\x00pont;jean@example.org;3;;;", accounts.NUL),
        ('M.;;"Jean;Dupont;jean@example.org;3;;;', accounts.UNCLOSED_QUOTE),
        ("M.;;Jean;" + "D" * 100_000 + ";jean@example.org;3;;;", accounts.FIELD_TOO_LONG),
        ("M.;;Jean;" + "D" * 300 + ";jean@example.org;3;;;", accounts.FIELD_TOO_LONG),
        ("M.;;Jean;Du\x1bpont;jean@example.org;3;;;", accounts.CONTROL_CHARACTER),
        ("M.;;Jean;Dupont", accounts.WRONG_COLUMNS),
    ],
    ids=["no-separator", "nul", "unclosed-quote", "100-kb", "300-characters", "escape", "columns"],
)
def test_a_bad_line_is_refused_with_its_number_and_the_others_are_read(bad, code):
    parsed, refusals = parse(HEADER, GOOD_BEFORE, bad, GOOD_AFTER)
    assert emails(parsed) == ["claire@example.org", "etienne@example.org"]
    assert [(line, found) for line, found, _value in refusals] == [(3, code)]
    assert all(len(value) <= accounts.MAX_SHOWN for _line, _code, value in refusals)


def test_a_line_break_inside_a_quoted_name_refuses_that_record_only():
    parsed, refusals = parse(
        HEADER, GOOD_BEFORE, 'M.;;"Jean\r\nPierre";Dupont;jean@example.org;3;;;', GOOD_AFTER
    )
    assert emails(parsed) == ["claire@example.org", "etienne@example.org"]
    assert refusals == [(3, accounts.LINE_BREAK_IN_FIELD, "4")]
    assert parsed[1].line == 5  # numbered as a text editor numbers the file's lines


def test_an_unclosed_quote_does_not_swallow_the_lines_after_it():
    lines = [HEADER, 'M.;;"Jean;Dupont;jean@example.org;3;;;'] + [
        f"Mme;;Anne{n};Martin;anne{n}@example.org;3;;;" for n in range(5)
    ]
    parsed, refusals = parse(*lines)
    assert len(parsed) == 5 and refusals == [(2, accounts.UNCLOSED_QUOTE, "")]


def test_an_undecodable_byte_refuses_its_line_and_the_file_stays_utf8():
    data = (
        f"{HEADER}\n{GOOD_BEFORE}\n".encode()
        + b"M.;;Jean;Dup\xffnt;jean@example.org;3;;;\n"
        + f"{GOOD_AFTER}\n".encode()
    )
    parsed, refusals = accounts.parse_accounts(data)
    assert [account.last_name for account in parsed] == ["Dubois", "Faure"]
    assert parsed[1].first_name == "Étienne"  # not « Ã‰tienne »
    assert refusals == [(3, accounts.UNDECODABLE, "")]


def test_windows_1252_with_a_byte_it_does_not_have():
    data = f"{GOOD_BEFORE}\n".encode("cp1252") + b"M.;;Jean;Dup\x81nt;jean@example.org;3;;;\n"
    parsed, refusals = accounts.parse_accounts(data)
    assert [account.function for account in parsed] == ["Conseillère municipale"]
    assert refusals == [(2, accounts.UNDECODABLE, "")]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_decoded_and_imported(codec):
    data = "\r\n".join([HEADER, GOOD_BEFORE, GOOD_AFTER]).encode(codec)
    if codec == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    parsed, refusals = accounts.parse_accounts(data)
    assert refusals == []
    assert [(a.first_name, a.line) for a in parsed] == [("Claire", 2), ("Étienne", 3)]


def test_old_mac_line_ends_tabs_and_blank_lines():
    parsed, refusals = parse(
        HEADER,
        "",
        "Mme;;Claire\t Anne;Dubois;claire@example.org;3;;;",
        "",
        GOOD_AFTER,
        newline="\r",
    )
    assert refusals == []
    assert [(a.first_name, a.line) for a in parsed] == [("Claire Anne", 3), ("Étienne", 5)]


def test_nothing_but_garbage_gives_refusals_not_an_error():
    parsed, refusals = accounts.parse_accounts(bytes(range(256)) * 50)
    assert parsed == [] and refusals
    assert accounts.parse_accounts(b"") == ([], [])
    assert accounts.parse_accounts(b"\x00") == ([], [(1, accounts.NUL, "")])
