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


# The postal address, entered or corrected where the page shows it


def address_form(browser, persona):
    """The « Saisir / Corriger l'adresse » form of ``persona``'s row."""
    from collective.convocation.content.convocation import recipient_id

    return browser.getForm(id=f"paper-{recipient_id(userid(persona))}-address-form")


def save_address(browser, persona, text):
    form = address_form(browser, persona)
    form.getControl(name="address").value = text
    form.getControl(name="form.buttons.address").click()


def pdf_text(browser, url):
    browser.open(url)
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(browser.contents)).pages)


def test_the_agent_enters_a_missing_address_and_the_letters_and_labels_carry_it(url, functional):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    assert "Saisissez-la avec « Saisir l&#39;adresse » ci-dessous." in browser.contents.replace(
        "'", "&#39;"
    )
    assert "Saisir l&#39;adresse" in browser.contents.replace("'", "&#39;")  # Oscar's row
    save_address(browser, "official2", "  3 allée des Tilleuls \r\n\r\n44300  Nantes\r\n")
    assert browser.url.endswith("/@@courrier-papier")
    assert "Adresse postale de Oscar Second enregistrée." in browser.contents
    assert "Adresse postale manquante" not in browser.contents
    assert "3 allée des Tilleuls<br />44300 Nantes<br />" in browser.contents
    # Now a letter each (two letters, then the séance's three pages) and a label each.
    letters = pdf_text(browser, url + "/@@lettres.pdf")
    assert "Oscar Second" in letters and "3 allée des Tilleuls" in letters
    assert "44300 Nantes" in letters
    labels = pdf_text(browser, url + "/@@etiquettes.pdf")
    assert "Oscar Second\n3 allée des Tilleuls\n44300 Nantes" in labels
    assert "Mme Odile Officielle" in labels


def test_the_agent_corrects_an_address_shown_in_its_box(url, functional):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    box = address_form(browser, "official").getControl(name="address")
    assert box.value.splitlines() == ["12 rue de la Mairie", "BP 7", "44000 Nantes"]
    assert "Corriger l&#39;adresse" in browser.contents.replace("'", "&#39;")
    save_address(browser, "official", "Le Moulin\n5 route de Vannes\n44300 Nantes")
    assert "Adresse postale de Mme Odile Officielle enregistrée." in browser.contents
    assert "BP 7" not in browser.contents
    assert "Le Moulin" in pdf_text(browser, url + "/@@etiquettes.pdf")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (" \n\t\n", "Saisissez l&#39;adresse postale : une ligne au moins."),
        (
            "\n".join(f"ligne {n}" for n in range(1, 7)),
            "L&#39;adresse postale tient en cinq lignes au plus",
        ),
        ("x" * 61 + "\n44000 Nantes", "60 caractères au plus"),
    ],
)
def test_an_empty_too_long_or_too_wide_address_is_refused_and_kept_to_correct(
    url, functional, text, message
):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    save_address(browser, "official", text)
    page = browser.contents.replace("'", "&#39;")
    assert message in page
    assert 'aria-invalid="true"' in page  # on the box, which stays open with what was typed
    kept = address_form(browser, "official").getControl(name="address").value
    assert kept.split() == text.split()
    # Nothing written: Odile's label still carries her address.
    labels = pdf_text(browser, url + "/@@etiquettes.pdf")
    assert "BP 7" in labels and "ligne 1" not in labels


@pytest.mark.parametrize(
    ("persona", "message"),
    [
        ("agent", "« agent@ville-a » n&#39;est pas destinataire de cette séance."),
        ("invitee", "Ivan Invité ne reçoit pas la convocation sur papier."),
    ],
)
def test_a_forged_userid_that_is_no_paper_recipient_is_refused(url, functional, persona, message):
    browser = browser_for(functional, "agent")
    browser.open(url + "/@@courrier-papier")
    form = address_form(browser, "official2")
    form.getControl(name="userid").value = userid(persona)
    form.getControl(name="address").value = "1 rue Fausse\n00000 Nulle-Part"
    form.getControl(name="form.buttons.address").click()
    assert message in browser.contents.replace("'", "&#39;")
    assert "Adresse postale manquante" in browser.contents  # Oscar: still none
    from plone import api

    transaction.begin()  # see what the request wrote, if anything
    assert not api.user.get(userid=userid(persona)).getProperty("postal_address", "")


def test_saving_an_address_needs_the_token_and_the_agent_of_the_seance(url, functional):
    body = f"userid={userid('official2')}&address=1+rue+X%0A44000+Nantes&form.buttons.address=1"
    agent = browser_for(functional, "agent")
    agent.handleErrors = True
    with pytest.raises(Exception, match="403"):
        agent.post(url + "/@@courrier-papier", body)  # no CSRF token
    for persona in ("official", "official2", "other_agent"):
        browser = browser_for(functional, persona)
        browser.handleErrors = True
        browser.post(url + "/@@courrier-papier", body)
        assert browser.url.endswith("/insufficient-privileges"), persona
    from plone.testing.zope import Browser

    anonymous = Browser(functional["app"])
    anonymous.handleErrors = True
    anonymous.post(url + "/@@courrier-papier", body)
    assert "login" in anonymous.url
    agent.open(url + "/@@courrier-papier")
    assert "Adresse postale manquante" in agent.contents  # nothing written


def test_once_the_seance_is_cancelled_the_address_is_no_longer_entered_here(world_of, functional):
    seance = on_paper(world_of)
    transaction.commit()
    browser = browser_for(functional, "agent")
    browser.handleErrors = True
    browser.open(seance.absolute_url() + "/@@courrier-papier")
    form = address_form(browser, "official2")  # opened before the séance is cancelled
    from plone import api

    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=seance, transition="cancel", comment="Reportée.")
    transaction.commit()
    form.getControl(name="address").value = "1 rue X\n44000 Nantes"
    form.getControl(name="form.buttons.address").click()
    assert browser.url.endswith("/insufficient-privileges")
    browser.open(seance.absolute_url() + "/@@courrier-papier")
    assert "Qui envoie les convocations de cette séance peut la saisir sur cette page." in (
        browser.contents
    )
    assert "Saisir l" not in browser.contents and "Adresse postale manquante" in browser.contents
