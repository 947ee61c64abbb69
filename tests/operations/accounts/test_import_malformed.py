"""« Importer des comptes » with malformed i-delibRE files: the page reports each bad line in French, the good ones are created."""

from plone import api
from world import browser_as
from world import userid

import pytest
import transaction


HEADER = "civilite;username;prenom;nom;email;role;telephone;titre;suppleant"


@pytest.fixture
def admin(functional, world_of):
    world = world_of
    browser = browser_as(functional["app"], userid("admin"))
    browser.handleErrors = False  # a 500 fails the test
    return browser, world.town_a.absolute_url()


def upload(admin, data):
    browser, town_url = admin
    browser.open(town_url)
    browser.getLink("Importer des comptes").click()
    browser.getControl(name="form.widgets.csv_file").add_file(data, "text/csv", "utilisateurs.csv")
    browser.getControl(name="form.buttons.import").click()
    return " ".join(browser.contents.split())


def exists(login):
    transaction.begin()
    return api.user.get(username=login) is not None


def test_every_malformed_line_is_reported_and_the_good_ones_imported(admin):
    lines = [
        HEADER.encode(),
        "Mme;;Claire;Dubois;claire@example.org;3;;Conseillère;".encode(),  # 2
        b"Jean Dupont jean@example.org 3",  # 3: no separator
        b"M.;;Jean;Dup\xffnt;jean@example.org;3;;;",  # 4: not UTF-8
        b'M.;;"Jean',  # 5: a line break inside the quoted first name…
        b'Pierre";Durand;jp@example.org;3;;;',  # 6: …up to here
        b"M.;;Paul;Du\x00pont;paul@example.org;3;;;",  # 7: NUL
        b'M.;;"Luc;Martin;luc@example.org;3;;;',  # 8: unclosed quote
        b"M.;;Marc;" + b"M" * 100_000 + b";marc@example.org;3;;;",  # 9: 100 KB
        "M.;;Étienne;Faure;etienne@example.org;2;;Secrétaire général;".encode(),  # 10
    ]
    page = upload(admin, b"\r\n".join(lines))
    assert "2 comptes créés, 6 lignes refusées." in page
    for report in (
        "Ligne 3 : aucun « ; » entre les champs.",
        "Ligne 4 : un caractère qui n'est ni en UTF-8 ni en Windows-1252.",
        "Ligne 5 : un retour à la ligne à l'intérieur d'un champ, jusqu'à la ligne 6.",
        "Ligne 7 : un caractère nul (NUL).",
        "Ligne 8 : un guillemet jamais refermé.",
        "Ligne 9 : un champ de 100000 caractères (254 au plus).",
    ):
        assert report in page, report
    assert "M" * 300 not in page  # the page never repeats the 100 KB
    assert exists("claire.dubois@ville-a") and exists("etienne.faure@ville-a")
    assert not exists("jean.dupont@ville-a") and not exists("jean-pierre.durand@ville-a")


BAD_FILES = {
    "no separator": (b"Jean Dupont jean@example.org 3", "aucun « ; » entre les champs"),
    "undecodable": (
        b"M.;;Jean;Dup\xffnt;jean@example.org;3;;;",
        "un caractère qui n'est ni en UTF-8 ni en Windows-1252",
    ),
    "line break in a name": (
        b'M.;;"Jean\r\nPierre";Durand;jp@example.org;3;;;',
        "un retour à la ligne à l'intérieur d'un champ, jusqu'à la ligne 4",
    ),
    "NUL": (b"M.;;Paul;Du\x00pont;paul@example.org;3;;;", "un caractère nul (NUL)"),
    "unclosed quote": (b'M.;;"Luc;Martin;luc@example.org;3;;;', "un guillemet jamais refermé"),
    "100 KB": (
        b"M.;;Marc;" + b"M" * 100_000 + b";marc@example.org;3;;;",
        "un champ de 100000 caractères (254 au plus)",
    ),
    "escape character": (
        b"M.;;Marc;Du\x1bpont;marc@example.org;3;;;",
        "un caractère de contrôle (U+001B)",
    ),
}


def test_each_bad_file_alone(admin):
    for number, (bad, report) in enumerate(BAD_FILES.values()):
        good = [
            f"Mme;;Anne;Martin{chr(97 + number)};anne{number}@example.org;3;;;".encode(),
            f"M.;;Noé;Petit{chr(97 + number)};noe{number}@example.org;3;;;".encode(),
        ]
        page = upload(admin, b"\r\n".join([HEADER.encode(), good[0], bad, good[1]]))
        assert "2 comptes créés, 1 lignes refusées." in page, report
        assert f"Ligne 3 : {report}." in page
        assert exists(f"anne.martin{chr(97 + number)}@ville-a")
        assert exists(f"noe.petit{chr(97 + number)}@ville-a")


def test_a_utf16_file_is_imported(admin):
    text = "\r\n".join(
        [HEADER, "Mme;;Zoé;Mercier;zoe@example.org;3;;;", "M.;;Noël;Lambert;noel@example.org;3;;;"]
    )
    page = upload(admin, text.encode("utf-16"))
    assert "2 comptes créés, 0 lignes refusées." in page
    transaction.begin()
    assert api.user.get(username="zoe.mercier@ville-a").getProperty("first_name") == "Zoé"
    assert exists("noel.lambert@ville-a")


def test_a_file_of_several_megabytes_is_refused_whole(admin):
    line = b"Mme;;Anne;Martin;anne@example.org;3;;;\r\n"
    page = upload(admin, line * (3 * 1024 * 1024 // len(line)))
    assert "Le fichier pèse 3,0 Mo ; un fichier d'utilisateurs i-delibRE pèse au plus 2 Mo." in page
    assert not exists("anne.martin@ville-a")
