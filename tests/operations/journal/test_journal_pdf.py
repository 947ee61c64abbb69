"""The evidence journal as a printable PDF: from the journal page's link and over REST, for the agents only."""

from clients import pdf
from clients import rest
from io import BytesIO
from pypdf import PdfReader
from world import browser_as
from world import userid

import pytest
import re


def text_of(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def check(text, seance):
    flat = " ".join(text.split())
    assert "Journal de preuve" in text
    assert seance.Title() in flat
    # created, notified, 3 mails queued, then accepted: each with its French title
    for title in ("Séance créée", "Convocations envoyées"):
        assert title in flat
    assert re.search(r"\d\d/\d\d/20\d\d \d\d:\d\d", text)  # dates in Europe/Paris, the French way
    assert "La chaîne est intacte : 9 entrées vérifiées." in flat
    assert "Clé publique des sceaux" in text
    assert "-----BEGIN PUBLIC KEY-----" in text
    assert "Page 1 / " in text


def test_the_agent_prints_the_journal_from_its_page(world_of, functional):
    seance = world_of.seances["notified"]
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@journal")
    agent.getLink(url="@@journal.pdf").click()
    assert agent.headers["Content-Type"] == "application/pdf"
    assert "attachment" in agent.headers["Content-Disposition"]
    data = agent.contents if isinstance(agent.contents, bytes) else agent.contents.encode("latin-1")
    check(text_of(PdfReader(BytesIO(data))), seance)


def test_the_agent_gets_the_journal_pdf_over_rest(world_of):
    seance = world_of.seances["notified"]
    response = rest("GET", "agent", seance.absolute_url() + "/@journal?format=pdf")
    assert "attachment" in response.headers["Content-Disposition"]
    check(text_of(pdf(response)), seance)


@pytest.mark.parametrize("persona", ["official", "invitee", "other_agent"])
def test_nobody_else_prints_the_journal(world_of, persona):
    url = world_of.seances["notified"].absolute_url()
    response = rest("GET", persona, url + "/@journal?format=pdf")
    assert response.status_code == 401
    assert response.headers.get("Content-Type", "") != "application/pdf"
