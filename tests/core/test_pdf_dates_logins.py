"""Plone-free domain helpers, tested directly."""

from collective.convocation.core.dates import day_of
from collective.convocation.core.dates import french_date
from collective.convocation.core.logins import login_for
from collective.convocation.core.pdf import EMPTY
from collective.convocation.core.pdf import ENCRYPTED
from collective.convocation.core.pdf import NOT_A_PDF
from collective.convocation.core.pdf import pdf_problem
from datetime import date
from datetime import datetime
from datetime import UTC
from pdfs import encrypted_pdf
from pdfs import pages

import pytest


@pytest.mark.parametrize(
    "data,problem",
    [
        (pages("Convocation", 1), None),
        (b"", EMPTY),
        (b"Du texte, pas un PDF", NOT_A_PDF),
        (b"%PDF-1.7\n garbage without objects", NOT_A_PDF),
        (pages("Tronqué", 1)[:300], NOT_A_PDF),
        (encrypted_pdf(""), ENCRYPTED),
        (encrypted_pdf("secret"), ENCRYPTED),
    ],
    ids=[
        "pdf",
        "empty",
        "text",
        "header-only",
        "truncated",
        "encrypted-empty-password",
        "encrypted",
    ],
)
def test_pdf_problem(data, problem):
    assert pdf_problem(data) == problem


@pytest.mark.parametrize(
    "day,text",
    [
        (date(2026, 12, 1), "1er décembre 2026"),
        (date(2027, 2, 28), "28 février 2027"),
        (date(2028, 8, 15), "15 août 2028"),
    ],
)
def test_french_date(day, text):
    assert french_date(day) == text


@pytest.mark.parametrize(
    "first,last,taken,login",
    [
        ("Hélène", "Marchand", set(), "helene.marchand@saint-demo"),
        ("Jean-Noël", "d'Arc", set(), "jean-noel.darc@saint-demo"),
        ("Anne", "Le Gall", set(), "anne.le-gall@saint-demo"),
        ("Zoé", "Mercier", {"zoe.mercier@saint-demo"}, "zoe.mercier2@saint-demo"),
        (
            "Zoé",
            "Mercier",
            {"zoe.mercier@saint-demo", "zoe.mercier2@saint-demo"},
            "zoe.mercier3@saint-demo",
        ),
    ],
)
def test_login_for(first, last, taken, login):
    assert login_for(first, last, "saint-demo", taken) == login


def test_a_day_recorded_without_its_hour_is_the_day_in_paris():
    assert day_of(datetime(2030, 1, 1, 23, 0, tzinfo=UTC)) == "02/01/2030"  # midnight in Paris
    assert day_of(datetime(2030, 7, 1, 21, 59, tzinfo=UTC)) == "01/07/2030"  # summer time
    assert day_of(None) == ""
