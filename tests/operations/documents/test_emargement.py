"""The émargement of a séance, downloaded by its agent as PDF and CSV (page links and REST)."""

from clients import get
from expected import EMARGEMENT_COLUMNS
from expected import EMARGEMENT_CSV_HEADER
from io import BytesIO
from pypdf import PdfReader
from world import browser_as
from world import PASSWORD
from world import userid

import csv
import io
import pytest
import requests


@pytest.fixture
def seance_url(world_of):
    world = world_of
    convocation_url = world.convocations[("notified", "official")].absolute_url()
    auth = (userid("official"), PASSWORD)
    requests.post(
        convocation_url + "/@receipt", auth=auth, headers={"Accept": "application/json"}, timeout=30
    )
    requests.post(
        convocation_url + "/@attendance",
        auth=auth,
        headers={"Accept": "application/json"},
        json={"attendance": "proxy", "proxy_holder": userid("official2")},
        timeout=30,
    )
    return world.seances["notified"].absolute_url()


def test_agent_downloads_the_csv_and_the_pdf_from_the_deliveries_page(seance_url, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance_url + "/@@deliveries")
    agent.getLink("Version CSV").click()
    assert agent.headers["Content-Type"] == "text/csv; charset=utf-8"
    table = list(csv.reader(io.StringIO(agent.contents.lstrip("\ufeff")), delimiter=";"))
    assert table[0][:8] == list(EMARGEMENT_COLUMNS[:8])
    assert ";".join(table[0]) == EMARGEMENT_CSV_HEADER
    assert [row[0] for row in table[1:]] == ["Officielle", "Second", "Invité"]
    assert table[1][6:8] == ["Donne pouvoir", "Oscar Second"]
    assert table[1][-1] == "Pouvoir d'Odile Officielle donné à Oscar Second"

    agent.open(seance_url + "/@@deliveries")
    agent.getLink("Version PDF").click()
    text = (
        PdfReader(
            BytesIO(
                agent.contents
                if isinstance(agent.contents, bytes)
                else agent.contents.encode("latin-1")
            )
        )
        .pages[0]
        .extract_text()
    )
    for name in (
        "Odile",
        "Oscar",
        "Ivan",
        "Signature",
        "Ville A — Conseil municipal",
        "Page 1 / 1",
        "Pouvoir d'Odile Officielle donné à Oscar Second — signature du mandataire",
        "Totaux des élus",
        "Le président de séance",
        "Le secrétaire de séance",
    ):
        assert name in text
    flat = " ".join(text.split())
    assert "Présence déclarée : 0 présent, 1 représenté, 0 absent, 1 sans réponse." in flat
    assert "Quorum non atteint (2 requis sur 2 membres en exercice)" in flat


@pytest.mark.parametrize(
    "persona,status", [("agent", 200), ("admin", 200), ("official", 401), ("other_agent", 401)]
)
def test_rest_emargement(seance_url, persona, status):
    response = get(persona, seance_url + "/@emargement?format=pdf")
    assert response.status_code == status
    if status == 200:
        assert response.headers["Content-Type"] == "application/pdf"
        assert "Odile" in PdfReader(BytesIO(response.content)).pages[0].extract_text()
        csv_response = get(persona, seance_url + "/@emargement?format=csv")
        assert csv_response.content.startswith(b"\xef\xbb\xbfNom;Pr")
        assert get(persona, seance_url + "/@emargement?format=xls").status_code == 400


def test_the_sheet_lists_the_officials_the_french_way(world):
    """Names made for this test: Étienne before Zoé, Hélène before Hugo, accents and case aside."""
    from collective.convocation.operations.documents import sheet
    from datetime import date
    from plone import api
    from plone.dexterity.utils import createContentInContainer
    from world import add_seance

    names = {
        "zoe": "Anne Zoé",
        "etienne": "Paul Étienne",
        "hugo": "Léa Hugo",
        "helene": "Marc Hélène",
    }
    with api.env.adopt_roles(["Manager"]):
        for login, fullname in names.items():
            api.user.create(
                email=f"{login}@example.org",
                username=f"{login}@ville-a",
                password=PASSWORD,
                properties={"fullname": fullname},
            )
            createContentInContainer(
                world.council,
                "Mandate",
                official=f"{login}@ville-a",
                function="Conseiller municipal",
                start=date(2026, 3, 22),
            )
        seance = add_seance(world.council, 9, title="Séance des noms")
        api.content.transition(obj=seance, transition="notify")
        data, content_type, _ = sheet(seance, "pdf")
    assert content_type == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert text.index("Étienne") < text.index("Hélène") < text.index("Hugo") < text.index("Zoé")
    csv_data, _, _ = sheet(seance, "csv")
    table = list(csv.reader(io.StringIO(csv_data.decode("utf-8-sig")), delimiter=";"))
    last_names = [row[0] for row in table[1:]]
    assert last_names.index("Étienne") < last_names.index("Hélène") < last_names.index("Hugo")
    assert last_names.index("Hugo") < last_names.index("Officielle") < last_names.index("Zoé")
