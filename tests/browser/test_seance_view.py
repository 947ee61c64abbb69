"""The séance's page for its agents, and its confirmations: remind, cancel, file, the minutes."""

from clients import get
from collective.convocation.setuphandlers.demo import pdf
from plone import api
from world import browser_as
from world import started
from world import userid

import io
import pytest
import re
import transaction


def content(browser):
    """The page's content (#content), without the toolbar and its workflow menu."""
    html = browser.contents
    start = html.index('id="content"')
    return html[start : html.index("</article>", start)]


def text(browser):
    """The content as read: tags dropped, spaces collapsed; the status messages before it."""
    html = browser.contents
    messages = html[html.find('id="global_statusmessage"') : html.index('id="content"')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", messages + content(browser)))


def follow(browser, label):
    """Open the content's link (or button-like link) labelled ``label``."""
    found = re.search(
        r'<a[^>]*href="([^"]+)"[^>]*>\s*' + re.escape(label) + r"\s*</a>", content(browser)
    )
    assert found, f"no link « {label} »"
    browser.open(found.group(1).replace("&amp;", "&"))


def as_(functional, persona):
    return browser_as(functional["app"], userid(persona))


@pytest.fixture
def urls(world_of):
    return {state: seance.absolute_url() for state, seance in world_of.seances.items()}


def test_a_draft_says_when_to_send_and_its_quorum(urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["draft"])
    page = text(agent)
    assert "État : Brouillon" in page
    assert "samedi 1er juin 2030 à 18h30 — Salle du conseil" in page
    # A commune of 1,200: 3 jours francs; the séance is on Saturday 1 June.
    assert "À envoyer au plus tard le mardi 28 mai 2030" in page
    assert "le délai requis est de 3 jours francs." in page
    # Two officials would be convoked (the colleague's mandate has ended): not « 1 sur 0 ».
    assert "Quorum : 2 sur 2 membres en exercice." in page
    assert "Annoncés" not in page  # nobody can have answered a draft
    follow(agent, "Envoyer les convocations")
    assert agent.url.endswith("/@@send-convocations")
    for absent in ("Relancer les non-répondants", "Annuler la séance", "Classer"):
        assert absent not in page
    assert "@@roll-call" not in content(agent)
    assert "Suivi de la séance" not in page  # nothing sent, nothing to track


def test_the_rest_tracking_of_a_draft_agrees(urls):
    tracked = get("agent", urls["draft"] + "/@tracking").json()
    assert tracked["quorum"]["members_in_office"] == 2
    assert tracked["quorum"]["required"] == 2
    assert tracked["notice"]["send_by"] == "2030-05-28"
    assert tracked["notice"]["overdue"] is False


def test_a_draft_past_its_last_day_warns(world_of, functional):
    transaction.begin()
    seance = world_of.seances["draft"]
    started(seance, hours=-24 * 2)  # in two days: 3 jours francs are out of reach
    transaction.commit()
    agent = as_(functional, "agent")
    agent.open(seance.absolute_url())
    warning = agent.contents[agent.contents.index('id="seance-deadline"') - 60 :]
    assert 'role="alert"' in warning[:200]
    assert "ce jour est passé" in text(agent)
    assert "Déplacez la séance, ou déclarez l'urgence avec son motif." in text(agent)


def test_a_notified_seance_offers_what_can_be_done_now(urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["notified"])
    page = text(agent)
    assert "État : Convoquée" in page
    assert "Délai de convocation respecté" in page
    assert "Suivi de la séance" in page
    for name in ("Odile Officielle", "Oscar Second", "Ivan Invité"):
        assert name in page
    for offered in ("Relancer les non-répondants", "Notifier à nouveau", "Annuler la séance"):
        assert offered in page
    for link in ("Émargement (PDF)", "Émargement (CSV)", "Dossier de séance (PDF)", "Journal"):
        assert link in page
    # Not yet its day: neither the roll call, nor filing, nor the minutes.
    for absent in ("Envoyer les convocations", "Classer", "Ajouter le procès-verbal"):
        assert absent not in page
    assert "@@roll-call" not in content(agent)
    assert "Appel :" not in page  # the roll call's quorum line waits for its day
    assert "Courrier papier" not in page  # nobody on paper
    assert "Pas encore de procès-verbal" in page


def test_after_its_start_the_seance_offers_roll_call_filing_and_minutes(world_of, functional):
    transaction.begin()
    started(world_of.seances["notified"])
    transaction.commit()
    agent = as_(functional, "agent")
    agent.open(world_of.seances["notified"].absolute_url())
    page = text(agent)
    for offered in ("Appel", "Classer la séance", "Ajouter le procès-verbal"):
        assert offered in page
    assert "Appel : 0 dans la salle, quorum non atteint." in page
    assert "Relancer les non-répondants" not in page  # it has started


@pytest.mark.parametrize("persona", ["official", "invitee"])
def test_recipients_read_only_date_and_place_in_the_body(urls, functional, persona):
    browser = as_(functional, persona)
    browser.open(urls["notified"])
    page = text(browser)
    assert "dimanche 2 juin 2030 à 18h30 — Salle du conseil" in page
    for hidden in ("Suivi de la séance", "Relancer", "Annuler la séance", "Journal de preuve"):
        assert hidden not in page
    assert "État :" not in page


def test_anonymous_is_asked_to_log_in(urls, functional):
    from plone.testing.zope import Browser

    browser = Browser(functional["app"])
    browser.open(urls["notified"])
    assert "require_login" in browser.url or "login" in browser.url


def test_remind_shows_the_mail_and_who_gets_it_then_sends(world_of, urls, functional):
    transaction.begin()
    invitee = api.user.get(userid=userid("invitee"))
    invitee.setMemberProperties({"email": ""})  # the invitee has no address any more
    transaction.commit()
    agent = as_(functional, "agent")
    agent.open(urls["notified"])
    follow(agent, "Relancer les non-répondants")
    page = text(agent)
    assert "Relancés par courriel Odile Officielle, Oscar Second" in page
    assert "Non relancés Ivan Invité (sans adresse électronique utilisable)" in page
    assert "La relance, telle que la lira Odile Officielle" in page
    assert "Objet : Rappel : Conseil municipal du " in page
    agent.getControl("Envoyer la relance").click()
    assert agent.url == urls["notified"]
    assert "Relance envoyée à 2 destinataires." in text(agent)
    assert "Non relancés : Ivan Invité (sans adresse électronique utilisable)." in text(agent)
    # The same day, nobody is reminded twice.
    agent.open(urls["notified"] + "/@@relancer")
    assert "Personne à relancer" in text(agent)
    assert "Envoyer la relance" not in text(agent)


def test_remind_refuses_a_draft(urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["draft"] + "/@@relancer")
    assert "aucun message n'est envoyé à son sujet" in text(agent)
    assert "Envoyer la relance" not in text(agent)


@pytest.mark.parametrize("view", ["relancer", "annuler", "classer", "proces-verbal"])
def test_officials_get_none_of_the_agents_pages(urls, functional, view):
    official = as_(functional, "official")
    official.handleErrors = True
    official.raiseHttpErrors = False
    official.open(f"{urls['notified']}/@@{view}")
    assert "insufficient-privileges" in official.url or "require_login" in official.url


def test_cancel_asks_a_reason_says_who_is_told_then_cancels(world_of, urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["notified"])
    follow(agent, "Annuler la séance")
    page = text(agent)
    assert (
        "Prévenus par courriel, avec le motif Ivan Invité, Odile Officielle, Oscar Second" in page
    )
    agent.getControl("Annuler la séance").click()
    assert "Indiquez le motif de l'annulation" in text(agent)
    assert 'aria-invalid="true"' in agent.contents
    transaction.begin()
    assert api.content.get_state(world_of.seances["notified"]) == "notified"
    agent.getControl("Motif de l'annulation (obligatoire)").value = "Salle indisponible."
    agent.getControl("Annuler la séance").click()
    assert "La séance est annulée ; 3 destinataires en sont prévenus par courriel." in text(agent)
    assert "État : Annulée" in text(agent)
    transaction.begin()
    assert api.content.get_state(world_of.seances["notified"]) == "cancelled"
    assert "Annuler la séance" not in text(agent)  # nothing more to cancel
    # A draft was never convoked: nothing to cancel either.
    agent.open(urls["draft"] + "/@@annuler")
    assert "Cette séance ne peut pas être annulée : elle n'est pas convoquée." in text(agent)
    assert "<textarea" not in content(agent)


def test_filing_waits_for_the_start_then_confirms(world_of, urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["notified"] + "/@@classer")
    assert "La séance n'a pas encore commencé" in text(agent)
    assert "Classer la séance" not in re.sub(r"<h1.*?</h1>", "", agent.contents)
    transaction.begin()
    started(world_of.seances["notified"])
    transaction.commit()
    agent.open(urls["notified"])
    follow(agent, "Classer la séance")
    assert "Aucun procès-verbal n'a été ajouté" in text(agent)
    agent.getControl("Classer la séance").click()
    assert "La séance est classée." in text(agent)
    assert "État : Classée" in text(agent)


def test_minutes_have_their_own_page_and_section(world_of, urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["notified"] + "/@@proces-verbal")
    assert "Le procès-verbal s'ajoute une fois la séance commencée" in text(agent)
    transaction.begin()
    started(world_of.seances["notified"])
    transaction.commit()
    agent.open(urls["notified"])
    follow(agent, "Ajouter le procès-verbal")

    def upload(data, filename, replace=False):
        agent.getControl(name="minutes").add_file(io.BytesIO(data), "application/pdf", filename)
        if replace:
            agent.getControl("Remplacer le procès-verbal actuel").selected = True
        agent.getControl("Enregistrer le procès-verbal").click()

    agent.handleErrors = True
    agent.raiseHttpErrors = False
    upload(b"Ceci n'est pas un PDF", "pv.pdf")
    assert "Ce fichier n'est pas un PDF lisible." in text(agent)
    upload(b"", "vide.pdf")
    assert "Choisissez le fichier PDF du procès-verbal." in text(agent) or (
        "Le fichier est vide." in text(agent)
    )
    transaction.begin()
    assert world_of.seances["notified"].minutes_file is None
    upload(pdf("Procès-verbal de la séance"), "pv.pdf")
    assert "Le procès-verbal est ajouté." in text(agent)
    assert "Procès-verbal (PDF, " in text(agent)
    agent.open(urls["notified"] + "/@@proces-verbal")
    upload(pdf("Procès-verbal corrigé"), "pv2.pdf")
    assert "Cochez « Remplacer le procès-verbal actuel » pour le remplacer." in text(agent)
    upload(pdf("Procès-verbal corrigé"), "pv2.pdf", replace=True)
    assert "Le procès-verbal est remplacé." in text(agent)
    transaction.begin()
    assert world_of.seances["notified"].minutes_file.filename == "pv2.pdf"
    journal = get("agent", urls["notified"] + "/@@journal.json").json()
    kinds = [entry["kind"] for entry in journal["entries"]]
    assert kinds[-2:] == ["minutes-added", "minutes-replaced"]

    # The recipients read them once the séance is filed, among its documents.
    official = as_(functional, "official")
    official.open(urls["notified"])
    assert "Procès-verbal" not in text(official)
    agent.open(urls["notified"] + "/@@classer")
    agent.getControl("Classer la séance").click()
    official.open(urls["notified"])
    follow(official, "Procès-verbal")
    assert official.headers["Content-Type"].startswith("application/pdf")


def test_renotify_says_whom_it_skips(world_of, urls, functional):
    transaction.begin()
    api.user.get(userid=userid("invitee")).setMemberProperties({"email": ""})
    transaction.commit()
    agent = as_(functional, "agent")
    agent.open(urls["notified"])
    follow(agent, "Notifier à nouveau")
    page = text(agent)
    assert "Par courriel Odile Officielle, Oscar Second" in page
    assert "Ne recevront pas ce message Ivan Invité (sans adresse électronique utilisable)" in page
    agent.getControl(name="form.widgets.subject").value = "Ordre du jour complété"
    agent.getControl(name="form.widgets.message").value = "Un point est ajouté."
    agent.getControl(name="form.buttons.send").click()
    assert "Message envoyé à 2 destinataires." in text(agent)
    assert "Non envoyé à : Ivan Invité (sans adresse électronique utilisable)." in text(agent)


def test_the_sending_says_whom_it_will_not_reach(urls, functional):
    transaction.begin()
    api.user.get(userid=userid("official2")).setMemberProperties({"email": ""})
    transaction.commit()
    agent = as_(functional, "agent")
    agent.open(urls["draft"])
    follow(agent, "Envoyer les convocations")
    page = text(agent)
    assert (
        "Ne seront pas atteints par cet envoi, ni par courriel ni sur papier : Oscar Second" in page
    )
    assert "Ajoutez leur adresse électronique, ou convoquez-les autrement." in page


def test_a_filed_seance_keeps_its_roll_call_result(urls, functional):
    agent = as_(functional, "agent")
    agent.open(urls["archived"])
    page = text(agent)
    assert "État : Classée" in page
    assert "Appel : 0 dans la salle, quorum non atteint." in page  # the record of the day
    assert "Annuler la séance" not in page


def test_a_draft_lists_its_documents_and_what_stops_its_sending(urls, world_of, functional):
    agent = as_(functional, "agent")
    agent.open(urls["draft"])
    page = text(agent)
    assert "Documents de la séance" in page
    assert "Convocation" in page and "/@@display-file/convocation_file" in content(agent)
    assert "Avant l'envoi" not in page  # nothing stops it
    transaction.begin()
    world_of.seances["draft"].convocation_file = None
    transaction.commit()
    agent.open(urls["draft"])
    page = text(agent)
    assert "Avant l'envoi : Ajoutez la convocation (PDF) avant l'envoi." in page
    assert "/@@display-file/convocation_file" not in content(agent)
