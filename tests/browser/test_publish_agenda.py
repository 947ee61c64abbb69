"""The agent's side of the public agenda: the home's link, « Publier l'ordre du jour » on the séance's page."""

from world import browser_as
from world import userid

import re
import transaction


def text(browser):
    html = browser.contents
    messages = html[html.find('id="global_statusmessage"') : html.index('id="content"')]
    content = html[html.index('id="content"') :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", messages + content))


def as_(functional, persona):
    return browser_as(functional["app"], userid(persona))


def test_the_agents_home_links_to_the_public_agenda(functional, world_of):
    agent = as_(functional, "agent")
    agent.open(world_of.town_a.absolute_url())
    link = agent.getLink("Agenda public des séances")
    assert link.url == f"{world_of.town_a.absolute_url()}/@@agenda-public"


def test_an_agenda_kept_for_later_is_published_from_the_seance(functional, world_of):
    seance = world_of.seances["notified"]
    agent = as_(functional, "agent")
    agent.open(seance.absolute_url())
    assert "Publier l'ordre du jour" not in text(agent)  # published at the sending

    seance.agenda_publication = "by_hand"
    transaction.commit()
    agent.open(seance.absolute_url())
    agent.getLink("Publier l'ordre du jour").click()
    assert agent.url.endswith("/@@publier-ordre-du-jour")
    assert "leurs documents publics seront montrés sur" in text(agent)
    assert "Les convocations, les destinataires et les autres documents restent privés." in text(
        agent
    )
    assert agent.getLink("agenda public").url.endswith("/ville-a/@@agenda-public")
    agent.getControl("Publier l'ordre du jour").click()
    assert agent.url == seance.absolute_url()
    assert "L'ordre du jour est publié." in text(agent)
    assert "Publier l'ordre du jour" not in text(agent)
    transaction.begin()
    assert seance.agenda_published_at is not None


def test_the_form_asks_its_token(functional, world_of):
    """A POST without plone.protect's token publishes nothing."""
    from plone.testing.zope import Browser

    seance = world_of.seances["notified"]
    seance.agenda_publication = "by_hand"
    transaction.commit()
    agent = Browser(functional["app"])
    agent.addHeader("Authorization", f"Basic {userid('agent')}:Un-mot-de-passe-2026")
    agent.handleErrors = True
    agent.raiseHttpErrors = False
    agent.post(f"{seance.absolute_url()}/@@publier-ordre-du-jour", "form.buttons.publish=1")
    assert agent.headers["status"].startswith("403")
    transaction.begin()
    assert seance.agenda_published_at is None


def test_a_draft_offers_no_publication(functional, world_of):
    draft = world_of.seances["draft"]
    draft.agenda_publication = "by_hand"
    transaction.commit()
    agent = as_(functional, "agent")
    agent.open(draft.absolute_url())
    assert "Publier l'ordre du jour" not in text(agent)
    agent.open(f"{draft.absolute_url()}/@@publier-ordre-du-jour")
    assert "Rien à publier" in text(agent)


def test_the_seance_form_offers_the_two_fields(functional, world_of):
    agent = as_(functional, "agent")
    agent.open(f"{world_of.seances['draft'].absolute_url()}/edit")
    assert agent.getControl("Séance à huis clos").selected is False
    publication = agent.getControl(name="form.widgets.agenda_publication")
    assert publication.displayOptions == ["À l'envoi des convocations", "Plus tard, à la main"]
    assert publication.displayValue == ["À l'envoi des convocations"]
    publication.displayValue = ["Plus tard, à la main"]
    agent.getControl("Séance à huis clos").selected = True
    agent.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert world_of.seances["draft"].agenda_publication == "by_hand"
    assert world_of.seances["draft"].closed_session is True
