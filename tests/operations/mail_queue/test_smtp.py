"""Real delivery: Plone's MailHost queue to an SMTP server on loopback (aiosmtpd), read as a mail client would."""

from clients import rest_login
from email import message_from_bytes
from email import policy
from icalendar import Calendar
from lxml import html
from plone import api
from plone.testing.zope import Browser
from world import browser_as
from world import PASSWORD

import requests
import time
import transaction


def test_agent_sends_and_each_official_receives_one_mail(site, inbox):
    inbox.controller.start()
    browser = browser_as(site["app"], "agent@ville", PASSWORD)
    browser.open(site["seance_url"] + "/@@send-convocations")
    assert "Envoyer les convocations" in browser.contents
    assert "Hélène Marchand, Joël Lefèvre, Zoé Mercier" in browser.contents
    assert browser.getLink("Voir les courriels tels que chaque destinataire les lira")
    started = time.monotonic()
    browser.getControl(name="form.buttons.send").click()
    assert time.monotonic() - started < 5  # the mails are queued, not sent in the request
    assert "L'envoi des convocations a commencé : suivez-le sur cette page." in browser.contents

    assert inbox.wait_for(2) == 2
    time.sleep(4)  # one more turn of the queue: nothing comes twice
    assert len(inbox.envelopes) == 2
    by_recipient = {envelope.rcpt_tos[0]: envelope for envelope in inbox.envelopes}
    assert set(by_recipient) == {"helene@example.org", "joel@example.org"}  # zoe's box refuses
    mail = message_from_bytes(
        by_recipient["helene@example.org"].original_content, policy=policy.default
    )
    assert mail["Subject"].startswith("Convocation : Conseil municipal du ")
    assert mail["From"].addresses[0].display_name == "Mairie de Ville-sur-Test"
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith("Hélène Marchand,")
    link = next(line for line in text.splitlines() if line.startswith("http"))
    assert link.startswith(site["portal"].absolute_url() + "/@@mes-convocations?convocation=")
    # The link opens « Mes convocations » for her, this séance first, its receipt one click away.
    page = requests.get(link, auth=("helene@ville", PASSWORD), timeout=30)
    assert page.status_code == 200
    (card,) = html.fromstring(page.text).xpath("//article[contains(@class, 'convocation-named')]")
    assert "Nouvelle convocation" in card.text_content()
    button = " ".join(card.xpath("string(.//button)").split())
    assert button == "J'accuse réception – Conseil municipal de décembre"
    ics = next(
        part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"
    )
    start = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0].decoded("dtstart")
    assert start == site["start"]


def test_smtp_down_then_back_delivers_every_mail_once(site, inbox):
    response = requests.post(
        site["seance_url"] + "/@workflow/notify",
        auth=("agent@ville", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    time.sleep(5)  # the queue tries, and fails: the server is down
    assert inbox.envelopes == []
    waiting = deliveries(site)
    assert {delivery for delivery, _error in waiting.values()} == {"queued"}
    # One message at a time meets the closed door, every few seconds, and says why.
    assert "[Errno 111] Connection refused" in {error for _delivery, error in waiting.values()}
    # The agent reads it in French, on the tracking and in @tracking
    tracked = agent_json(site, "@tracking")
    said = {line["delivery_error"] for line in tracked["recipients"]}
    assert "Le serveur de messagerie est injoignable." in said
    assert not any("Errno" in text for text in said)
    page = requests.get(site["seance_url"], auth=("agent@ville", PASSWORD), timeout=30).text
    assert "Le serveur de messagerie est injoignable." in page and "Errno" not in page
    inbox.controller.start()
    assert inbox.wait_for(2) == 2
    time.sleep(4)
    assert len(inbox.envelopes) == 2
    assert len({message["Message-ID"] for message in inbox.messages()}) == 2
    assert deliveries(site) == {
        "helene@ville": ("sent", ""),
        "joel@ville": ("sent", ""),
        "zoe@ville": ("failed", "550 5.1.1 Mailbox unavailable"),
    }
    # The tracking reads the catalog: the outcomes stored by the queue's thread are indexed there too
    tracked = {line["userid"]: line for line in agent_json(site, "@tracking")["recipients"]}
    assert tracked["helene@ville"]["delivery"] == "sent"
    assert tracked["zoe@ville"]["delivery"] == "failed"
    assert tracked["zoe@ville"]["delivery_error"] == (
        "Adresse refusée par le serveur du destinataire (550)."
    )

    # The agent sees it, and sends Zoé's convocation again once her address is mended.
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username="zoe@ville").setMemberProperties({"email": "zoe.mercier@example.org"})
    transaction.commit()
    agent = browser_as(site["app"], "agent@ville", PASSWORD)
    agent.open(site["seance_url"])
    agent.getLink("Suivi des envois").click()
    row = next(row for row in agent.contents.split("<tr") if "Zoé Mercier" in row)
    # In French: the server's raw answer is for the journal, below
    assert "Échec de l'envoi" in row
    assert "Adresse refusée par le serveur du destinataire (550)." in row
    assert "Mailbox unavailable" not in row
    # The evidence journal keeps each outcome, the server's refusal with its answer
    journal = agent_json(site, "@journal")
    assert journal["verification"]["valid"] is True
    outcomes = [
        (item["kind"], item["data"]["recipient"], item["data"].get("reason", ""))
        for item in journal["items"]
        if item["kind"] in ("mail-sent", "mail-failed")
    ]
    assert sorted(outcomes) == [
        ("mail-failed", "zoe@ville", "550 5.1.1 Mailbox unavailable"),
        ("mail-sent", "helene@ville", ""),
        ("mail-sent", "joel@ville", ""),
    ]
    agent.getForm(action=site["seance_url"] + "/convocation-zoe-ville/@@resend").submit()
    assert "La convocation est envoyée à nouveau." in agent.contents
    assert inbox.wait_for(3) == 3
    assert inbox.envelopes[-1].rcpt_tos == ["zoe.mercier@example.org"]


def agent_json(site, endpoint):
    """The séance's ``endpoint`` (@tracking, @journal) as the agent reads it over REST."""
    return requests.get(
        site["seance_url"] + "/" + endpoint,
        auth=("agent@ville", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    ).json()


def deliveries(site):
    """What the agent sees of each convocation's delivery: written by the queue's thread, nobody asked."""
    transaction.begin()
    seance = site["portal"]["ville"]["conseil"]["seance"]
    return {
        c.recipient: (c.delivery, c.delivery_error)
        for c in seance.objectValues()
        if c.portal_type == "Convocation"
    }


def test_rest_refusal_is_french_json(site, inbox):
    with api.env.adopt_roles(["Manager"]):
        seance = api.content.get(path="/ville/conseil/seance")
        seance.convocation_file = None
    transaction.commit()
    response = requests.post(
        site["seance_url"] + "/@workflow/notify",
        auth=("agent@ville", PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Ajoutez la convocation (PDF) avant l'envoi."


def mail_to(inbox, address, count=1):
    assert inbox.wait_for(count) >= count
    return next(
        message_from_bytes(envelope.original_content, policy=policy.default)
        for envelope in reversed(inbox.envelopes)
        if address in envelope.rcpt_tos
    )


def link_in(mail):
    return next(
        line
        for line in mail.get_body(("plain",)).get_content().splitlines()
        if "/passwordreset/" in line
    )


def choose_password(app, link, login, password):
    """Follow the mail's link and choose a password, as the official would."""
    browser = Browser(app)
    browser.open(link)
    browser.getControl(name="userid").value = login
    browser.getControl(name="password").value = password
    browser.getControl(name="password2").value = password
    browser.getForm(name="pwreset_action").submit()
    assert "/passwordreset/" not in browser.url  # accepted: Plone logs them in and shows the site


def logs_in(portal_url, login, password):
    accepted, response = rest_login(portal_url, login, password)
    return accepted and "token" in response.json()


def test_new_account_gets_a_set_password_link_then_logs_in(site, inbox, admin):
    inbox.controller.start()
    admin.open(site["portal"]["ville"].absolute_url())
    admin.getLink("Nouveau compte").click()
    admin.getControl(name="form.widgets.civility:list").value = ["mme"]
    admin.getControl(name="form.widgets.first_name").value = "Inès"
    admin.getControl(name="form.widgets.last_name").value = "Garnier-Léger"
    admin.getControl(name="form.widgets.email").value = "ines@example.org"
    admin.getControl(name="form.widgets.function").value = "Conseillère municipale"
    admin.getControl(name="form.widgets.political_group").value = "Saint-Démo Avenir"
    admin.getControl(name="form.buttons.create").click()
    assert "Compte créé : ines.garnier-leger@ville." in admin.contents

    mail = mail_to(inbox, "ines@example.org")
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith("Mme Inès Garnier-Léger,")
    assert "Votre identifiant : ines.garnier-leger@ville" in text
    assert "mot de passe" in text and PASSWORD not in text  # a link, never a password
    choose_password(site["app"], link_in(mail), "ines.garnier-leger@ville", "Mon-nouveau-mot-2026")
    assert logs_in(
        site["portal"].absolute_url(), "ines.garnier-leger@ville", "Mon-nouveau-mot-2026"
    )


def test_forgotten_password_for_a_suffixed_login(site, inbox):
    inbox.controller.start()
    browser = Browser(site["app"])
    browser.open(site["portal"].absolute_url() + "/@@login-help")
    field = next(
        name
        for name in __import__("re").findall(r'name="([^"]*reset_password[^"]*)"', browser.contents)
    )
    browser.getControl(name=field).value = "helene@ville"
    browser.getControl(name=field.replace("widgets.reset_password", "buttons.reset")).click()
    mail = mail_to(inbox, "helene@example.org")
    choose_password(site["app"], link_in(mail), "helene@ville", "Encore-un-mot-2026")
    assert logs_in(site["portal"].absolute_url(), "helene@ville", "Encore-un-mot-2026")
    assert not logs_in(site["portal"].absolute_url(), "helene@ville", PASSWORD)


CSV = """civilite;username;prenom;nom;email;role;telephone;titre;suppleant
Mme;;Claire;Dubois;claire@example.org;3;0600000001;Conseillère municipale;
M.;;Hugo;Henry;pas-une-adresse;3;;Conseiller municipal;
M.;jfaure;Étienne;Faure;etienne@example.org;2;;Secrétaire général;
"""


def test_csv_import_keeps_the_good_lines_and_reports_the_bad_one(site, inbox, admin):
    inbox.controller.start()
    admin.open(site["portal"]["ville"].absolute_url())
    admin.getLink("Importer des comptes").click()
    admin.getControl(name="form.widgets.csv_file").add_file(
        CSV.encode("cp1252"), "text/csv", "utilisateurs.csv"
    )
    admin.getControl(name="form.buttons.import").click()
    assert "2 comptes créés, 1 lignes refusées." in admin.contents
    assert "Ligne 3 : « pas-une-adresse » n'est pas une adresse électronique." in admin.contents
    assert "claire.dubois@ville" in admin.contents and "jfaure@ville" in admin.contents
    assert mail_to(inbox, "claire@example.org", count=2)
    assert mail_to(inbox, "etienne@example.org", count=2)
    transaction.begin()
    assert "ConvocationAgent" in api.user.get_roles(
        username="jfaure@ville", obj=site["portal"]["ville"]
    )
    assert api.user.get(username="claire.dubois@ville").getProperty("phone") == "0600000001"


def test_the_official_receives_the_proof_of_his_receipt_and_answer(site, inbox):
    """Each receipt and answer is confirmed by mail with the fingerprint of its journal entry."""
    inbox.controller.start()
    json_headers = {"Accept": "application/json"}
    agent, helene = ("agent@ville", PASSWORD), ("helene@ville", PASSWORD)
    response = requests.post(
        site["seance_url"] + "/@workflow/notify", auth=agent, headers=json_headers, timeout=60
    )
    assert response.status_code == 200, response.text
    assert inbox.wait_for(2) == 2  # the convocations (Zoé's box refuses hers)
    convocation = site["seance_url"] + "/convocation-helene-ville"
    assert (
        requests.post(convocation + "/@receipt", auth=helene, headers=json_headers, timeout=60)
    ).status_code == 200
    again = requests.post(convocation + "/@receipt", auth=helene, headers=json_headers, timeout=60)
    assert again.status_code == 200  # acknowledged once: not confirmed twice
    answered = requests.post(
        convocation + "/@attendance",
        auth=helene,
        headers=json_headers,
        json={"attendance": "absent"},
        timeout=60,
    )
    assert answered.status_code == 200, answered.text
    assert inbox.wait_for(4) == 4
    time.sleep(2)
    assert len(inbox.envelopes) == 4
    receipt, answer = (
        message
        for message in inbox.messages()[2:]
        if message["To"].addresses[0].addr_spec == "helene@example.org"
    )
    assert receipt["Subject"] == "Accusé de réception enregistré — Conseil municipal de décembre"
    assert answer["Subject"] == "Réponse enregistrée — Conseil municipal de décembre"
    journal = requests.get(
        site["seance_url"] + "/@journal", auth=agent, headers=json_headers, timeout=30
    ).json()
    assert journal["verification"]["valid"] is True
    entries = {item["kind"]: item for item in journal["items"]}
    receipt_text = receipt.get_body(("plain",)).get_content()
    answer_text = answer.get_body(("plain",)).get_content()
    assert receipt_text.startswith(
        "Votre accusé de réception de la convocation à la séance « Conseil municipal de décembre » "
        "a été enregistré le "
    )
    assert entries["receipt"]["fingerprint"] in receipt_text
    assert ": Absent." in answer_text
    assert entries["answer"]["fingerprint"] in answer_text
