"""« Courrier papier »: the page, its PDFs and the « posté le » form, as agents, officials and strangers meet them."""

from collective.convocation.core.legal import PARIS
from datetime import datetime
from datetime import timedelta
from io import BytesIO
from paper_world import on_paper
from pypdf import PdfReader
from world import browser_as
from world import userid

import pytest
import transaction


@pytest.fixture
def url(world_of):
    seance = on_paper(world_of)
    transaction.commit()
    return seance.absolute_url()


def browser_for(functional, persona):
    return browser_as(functional["app"], userid(persona))


def refused(browser, url):
    browser.handleErrors = True
    browser.open(url)
    return browser.url.endswith("/insufficient-privileges")


def test_the_agent_sees_the_paper_recipients_their_address_or_a_warning(url, functional):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    page = browser.contents
    assert "Courrier papier" in page
    assert "Mme Odile Officielle" in page and "44000 Nantes" in page
    assert "Adresse postale manquante" in page  # Oscar Second
    assert "Lettres de convocation (PDF)" in page and "Étiquettes (PDF)" in page
    assert page.count("Pas encore posté") == 2


def test_the_letters_and_labels_are_pdfs_with_the_names_and_documents(url, functional):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@lettres.pdf")
    assert browser.headers["Content-Type"] == "application/pdf"
    assert 'filename="lettres-seance-notified.pdf"' in browser.headers["Content-Disposition"]
    reader = PdfReader(BytesIO(browser.contents))
    assert len(reader.pages) == 4  # Odile's letter, the convocation, item 1, the report
    assert "Mme Odile Officielle" in reader.pages[0].extract_text()
    assert "Rapport" in reader.pages[3].extract_text()
    browser.open(url + "/@@etiquettes.pdf")
    labels = PdfReader(BytesIO(browser.contents)).pages[0].extract_text()
    assert "Mme Odile Officielle" in labels and "BP 7" in labels


def test_the_agent_records_the_posting_and_sees_it(url, functional):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    checkboxes = browser.getControl(name="recipients:list")
    assert set(checkboxes.value) == {userid("official"), userid("official2")}  # all unposted
    checkboxes.value = [userid("official")]
    browser.getControl(name="form.buttons.posted").click()
    assert browser.url.endswith("/@@courrier-papier")
    assert "Envoi postal enregistré le" in browser.contents
    assert "Posté le" in browser.contents and browser.contents.count("Pas encore posté") == 1
    # Next time, only the one not posted yet is ticked.
    assert browser.getControl(name="recipients:list").value == [userid("official2")]
    browser.open(url + "/@@journal")
    assert "Courrier posté" in browser.contents


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "ne peut pas être dans le futur"), (-1, "n&#39;ont pas pu être postées avant")],
)
def test_a_day_in_the_future_or_before_the_sending_is_refused(url, functional, days, message):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    day = datetime.now(PARIS).date() + timedelta(days=days)
    browser.getControl(name="day").value = day.isoformat()
    browser.getControl(name="form.buttons.posted").click()
    assert message in browser.contents.replace("'", "&#39;")
    assert browser.contents.count("Pas encore posté") == 2  # nothing saved


def test_officials_strangers_and_anonymous_cannot_open_it(url, functional):
    for persona in ("official", "other_agent"):
        for view in ("courrier-papier", "lettres.pdf", "etiquettes.pdf"):
            assert refused(browser_for(functional, persona), f"{url}/@@{view}"), (persona, view)
    from plone.testing.zope import Browser

    anonymous = Browser(functional["app"])
    anonymous.handleErrors = True
    anonymous.open(url + "/@@courrier-papier")
    assert "require_login" in anonymous.url or "login" in anonymous.url


def test_a_cross_site_post_is_refused(url, functional):
    browser = browser_for(functional, "agent")
    browser.handleErrors = True
    with pytest.raises(Exception, match="403"):
        browser.post(
            url + "/@@courrier-papier",
            f"recipients:list={userid('official')}&day=2030-01-01&form.buttons.posted=1",
        )
