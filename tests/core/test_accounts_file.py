"""i-delibRE's user CSV, parsed without Plone."""

from collective.convocation.core import accounts

import pytest


HEADER = "civilite;username;prenom;nom;email;role;telephone;titre;suppleant\n"


@pytest.mark.parametrize(
    "line,refusal",
    [
        ("Mme;;Hélène;Marchand;helene@ville.example;3;;Maire;", None),
        ("Madame;;Hélène;Marchand;helene@ville.example;elu;;Maire;", None),
        (";;Agathe;Agent;agathe@ville.example;2;;Secrétaire;", None),
        ("M.;;Paul;;paul@ville.example;3;;;", accounts.MISSING_NAME),
        ("M.;;Paul;Durand;paul-at-ville;3;;;", accounts.BAD_EMAIL),
        ("M.;;Paul;Durand;paul@ville.example;9;;;", accounts.BAD_ROLE),
        ("Dr;;Paul;Durand;paul@ville.example;3;;;", accounts.BAD_CIVILITY),
        ("M.;Paul;Durand", accounts.WRONG_COLUMNS),
    ],
)
def test_each_line(line, refusal):
    parsed, refusals = accounts.parse_accounts((HEADER + line + "\n").encode("utf-8"))
    if refusal is None:
        assert len(parsed) == 1 and refusals == []
        assert parsed[0].line == 2
    else:
        assert parsed == [] and [(number, code) for number, code, _value in refusals] == [
            (2, refusal)
        ]


def test_windows_1252_commas_no_header_and_duplicates():
    data = (
        "Mme,,Zoé,Mercier,zoe@ville.example,3,,,\nM.,,Jean,Double,ZOE@ville.example,3,,,\n".encode(
            "cp1252"
        )
    )
    parsed, refusals = accounts.parse_accounts(data)
    assert [(a.first_name, a.civility, a.role) for a in parsed] == [("Zoé", "Mme", "official")]
    assert refusals == [(2, accounts.DUPLICATE_EMAIL, "zoe@ville.example")]


def test_utf8_bom_from_a_spreadsheet():
    data = (
        "\ufeff" + HEADER + "M.;jlefevre;Joël;Lefèvre;joel@ville.example;3;06;Adjoint;\n"
    ).encode("utf-8")
    (account,), refusals = accounts.parse_accounts(data)
    assert (account.username, account.last_name, account.phone, account.function) == (
        "jlefevre",
        "Lefèvre",
        "06",
        "Adjoint",
    )
