"""The sending: the notify transition, its refusals, what it creates, the mails it queues (DESIGN §4, §5);
then notify again, resend, cancel, reminders — in code and over REST."""

from collective.convocation.core.dates import french_date
from collective.convocation.operations.reminders import send_reminders
from collective.convocation.operations.sending import renotify
from collective.convocation.operations.sending import resend
from collective.convocation.operations.sending import send
from collective.convocation.setuphandlers.demo import pdf_file
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from email import message_from_bytes
from email import policy
from icalendar import Calendar
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.dexterity.utils import createContentInContainer
from Products.CMFCore.WorkflowCore import WorkflowException
from types import SimpleNamespace
from world import add_town
from zoneinfo import ZoneInfo

import pytest


PARIS = ZoneInfo("Europe/Paris")


def add_user(userid, fullname, email=True):
    user = api.user.create(
        email=f"{userid.split('@')[0]}@example.org",
        username=userid,
        password="Un-mot-de-passe-2026",
        properties={"fullname": fullname},
    )
    if not email:
        user.setMemberProperties({"email": ""})


@pytest.fixture
def council(portal):
    """A commune of 1,200 inhabitants, its council of five officials, and an invitee."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    login(portal, TEST_USER_NAME)
    council = add_town(portal, reply_to="secretariat@ville.example")
    people = [
        ("helene@ville", "Hélène Marchand", "Maire", {}),
        ("joel@ville", "Joël Lefèvre", "Premier adjoint", {}),
        ("noel@ville", "Noël Lambert", "Conseiller municipal", {"paper_convocation": True}),
        ("zoe@ville", "Zoé Mercier", "Conseillère municipale", {"email": False}),
        ("ancien@ville", "Ancien Élu", "Conseiller municipal", {"end": date(2026, 1, 1)}),
    ]
    for userid, fullname, function, extra in people:
        add_user(userid, fullname, email=extra.pop("email", True))
        createContentInContainer(
            council, "Mandate", official=userid, function=function, start=date(2020, 3, 15), **extra
        )
    add_user("dgs@ville", "Directrice Générale")
    council.default_invitees = ["dgs@ville"]
    return council


def add_seance(council, days_ahead=10, **fields):
    start = datetime.now(PARIS).replace(hour=18, minute=30, second=0, microsecond=0) + timedelta(
        days=days_ahead
    )
    defaults = {
        "start": start,
        "location": "Salle du conseil",
        "convocation_file": pdf_file("convocation.pdf", "Convocation"),
    }
    return createContentInContainer(council, "Seance", **{**defaults, **fields})


def notify(seance):
    api.content.transition(obj=seance, transition="notify")


def sent_mails(portal):
    return [message_from_bytes(raw, policy=policy.default) for raw in portal.MailHost.messages]


def test_notify_convokes_titulars_and_invites(council, portal):
    seance = add_seance(council)
    notify(seance)
    convocations = {c.recipient: c for c in seance.objectValues() if c.portal_type == "Convocation"}
    assert set(convocations) == {
        "helene@ville",
        "joel@ville",
        "noel@ville",
        "zoe@ville",
        "dgs@ville",
    }
    assert convocations["dgs@ville"].category == "invitation"
    assert {c.delivery for r, c in convocations.items()} == {
        "sent",
        "paper",
        "unreachable",
    }  # no queue in tests: sent at commit
    assert convocations["noel@ville"].delivery == "paper"  # asked for paper: listed, not mailed
    assert convocations["zoe@ville"].delivery == "unreachable"  # no email
    assert convocations["helene@ville"].delivery == "sent"
    assert "Official" in seance.get_local_roles_for_userid("helene@ville")
    assert "Invitee" in seance.get_local_roles_for_userid("dgs@ville")
    assert seance.sent_at is not None
    assert seance.clear_days_given == 9
    mails = sent_mails(portal)
    assert sorted(mail["To"].addresses[0].addr_spec for mail in mails) == [
        "dgs@example.org",
        "helene@example.org",
        "joel@example.org",
    ]


def test_a_removed_account_is_unreachable(council, portal):
    api.user.delete(username="joel@ville")
    seance = add_seance(council)
    notify(seance)
    assert seance["convocation-joel-ville"].delivery == "unreachable"
    assert mails_to_joel(portal) == []


def mails_to_joel(portal):
    return [m for m in sent_mails(portal) if m["To"].addresses[0].addr_spec == "joel@example.org"]


def test_the_mail_as_the_official_reads_it(council, portal):
    seance = add_seance(council, days_ahead=10)
    notify(seance)
    mail = next(
        m for m in sent_mails(portal) if m["To"].addresses[0].addr_spec == "helene@example.org"
    )
    assert mail["From"].addresses[0].display_name == "Mairie de Ville-sur-Test"
    assert mail["Reply-To"] == "secretariat@ville.example"
    day = seance.start.astimezone(PARIS)
    assert mail["Subject"] == f"Convocation : Conseil municipal du {french_date(day.date())}"
    text = mail.get_body(("plain",)).get_content()
    assert text.startswith("Hélène Marchand,\n")
    assert "en qualité de Maire" in text
    assert "à 18h30, Salle du conseil" in text
    # Its link: « Mes convocations », naming this convocation, whose receipt is one click there.
    mine = seance["convocation-helene-ville"].UID()
    assert f"{portal.absolute_url()}/@@mes-convocations?convocation={mine}" in text
    assert "Votre identifiant : helene@ville" in text
    assert "#" not in text
    ics = next(
        part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"
    )
    event = Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (18, 30)
    assert start.astimezone(UTC) == seance.start.astimezone(UTC)
    assert str(event["uid"]).startswith(seance.UID())


def test_sending_again_mails_nobody_twice(council, portal):
    seance = add_seance(council)
    notify(seance)
    first = len(portal.MailHost.messages)
    send(seance, SimpleNamespace(transition=SimpleNamespace(id="notify")))
    assert len(portal.MailHost.messages) == first
    assert len([c for c in seance.objectValues() if c.portal_type == "Convocation"]) == 5


def refusal(seance):
    with pytest.raises(WorkflowException) as refused:
        # plone.api's transition() would hide the message behind its own
        api.portal.get_tool("portal_workflow").doActionFor(seance, "notify")
    assert api.content.get_state(seance) == "draft"
    assert not [c for c in seance.objectValues() if c.portal_type == "Convocation"]
    return str(refused.value)


def test_refused_without_convocation_file(council, portal):
    seance = add_seance(council, convocation_file=None)
    assert "Ajoutez la convocation (PDF) avant l'envoi." in refusal(seance)
    assert portal.MailHost.messages == []


def test_refused_when_the_seance_has_started(council):
    assert "La séance a déjà commencé" in refusal(add_seance(council, days_ahead=-1))


def test_refused_without_synthesis_note_from_3500_inhabitants(council):
    council.aq_parent.population = 3500
    assert "note explicative de synthèse" in refusal(add_seance(council, days_ahead=10))


@pytest.mark.parametrize("days_ahead,clear_days", [(3, 2), (1, 0)])
def test_refused_when_the_notice_is_too_short(council, days_ahead, clear_days):
    message = refusal(add_seance(council, days_ahead=days_ahead))
    assert f"La séance a lieu dans {clear_days} jours francs ; la loi en demande 3." in message


def test_urgency_with_its_reason_shortens_the_notice_to_one_clear_day(council):
    seance = add_seance(
        council, days_ahead=2, urgent=True, urgency_reason="Subvention à voter avant le 31"
    )
    notify(seance)
    assert api.content.get_state(seance) == "notified"
    assert seance.clear_days_given == 1
    assert "au moins 1 jour franc" in refusal(
        add_seance(council, days_ahead=1, urgent=True, urgency_reason="Encore plus urgent")
    )


def test_refused_without_anybody_to_convoke(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    town = createContentInContainer(
        portal, "Collectivity", id="vide", title="Vide", login_suffix="vide"
    )
    council = createContentInContainer(
        town, "Assembly", id="conseil", title="Conseil", kind="council"
    )
    assert "Personne à convoquer" in refusal(add_seance(council))


def test_an_unknown_tag_is_refused_at_save(council):
    from collective.convocation.behaviors.mail_templates import IMailTemplates
    from zope.interface import Invalid

    field = IMailTemplates["convocation_body"]
    field.validate("#civilite# #prenom# #nom#, le #dateseance#")
    with pytest.raises(Invalid) as refused:
        field.validate("Bonjour #prenom#, séance le #date_seance#")
    message = api.portal.translate(refused.value.args[0])
    assert message.startswith("Balises inconnues : #date_seance#. Les balises sont : #civilite#")


def test_assembly_template_overrides_the_collectivity_one(council, portal):
    town = council.aq_parent
    town.convocation_subject = "Convocation de #collectivite#"
    council.convocation_body = "#prenom#, vous êtes convoqué(e) le #dateseance#."
    notify(add_seance(council))
    mail = next(
        m for m in sent_mails(portal) if m["To"].addresses[0].addr_spec == "helene@example.org"
    )
    assert mail["Subject"] == "Convocation de Ville-sur-Test"
    assert mail.get_body(("plain",)).get_content().startswith("Hélène, vous êtes convoqué(e) le ")


@pytest.mark.parametrize("limit,attached", [(5, True), (None, False)])
def test_the_convocation_pdf_is_attached_when_wanted_and_small_enough(
    council, portal, limit, attached
):
    town = council.aq_parent
    town.attach_convocation = limit is not None
    town.attachment_limit = limit
    notify(add_seance(council))
    mail = next(
        m for m in sent_mails(portal) if m["To"].addresses[0].addr_spec == "joel@example.org"
    )
    names = [part.get_filename() for part in mail.iter_attachments()]
    assert ("convocation.pdf" in names) is attached
    assert "seance.ics" in names


def test_a_pdf_over_the_limit_is_not_attached(council, portal):
    town = council.aq_parent
    town.attach_convocation = True
    town.attachment_limit = 1
    big = pdf_file("convocation.pdf", "Convocation", *["x" * 90] * 40)
    big.data = big.data + b"%" + b"0" * (1024 * 1024)  # a comment past 1 MB: still a PDF
    notify(add_seance(council, convocation_file=big))
    mail = next(
        m for m in sent_mails(portal) if m["To"].addresses[0].addr_spec == "joel@example.org"
    )
    assert [part.get_filename() for part in mail.iter_attachments()] == ["seance.ics"]


@pytest.fixture
def seance(council):
    seance = add_seance(council, days_ahead=10)
    notify(seance)
    return seance


def mails_to(portal, address):
    return [mail for mail in sent_mails(portal) if mail["To"].addresses[0].addr_spec == address]


def test_renotify_to_those_who_have_not_acknowledged(seance, portal):
    seance["convocation-helene-ville"].received_at = datetime.now(UTC)
    portal.MailHost.reset()
    count = renotify(
        seance,
        "Ordre du jour complété",
        "#prenom#, un point 6 est ajouté.",
        unacknowledged_only=True,
    )
    assert (
        count == 2
    )  # joel, and the invitee; helene acknowledged, noel is on paper, zoe unreachable
    mail = mails_to(portal, "joel@example.org")[0]
    assert mail["Subject"] == "Ordre du jour complété"
    assert mail.get_body(("plain",)).get_content().startswith("Joël, un point 6 est ajouté.")
    assert not list(mail.iter_attachments())  # a message, not a new invitation
    portal.MailHost.reset()
    assert renotify(seance, "Procès-verbal", "Le procès-verbal est en ligne.") == 3


def test_resend_one_recipient(seance, portal):
    convocation = seance["convocation-joel-ville"]
    convocation.delivery, convocation.delivery_error = "failed", "550 Mailbox unavailable"
    portal.MailHost.reset()
    assert resend(convocation)
    # The test's MailHost has no queue: the mail is handed over at commit, and counts as sent
    assert convocation.delivery == "sent" and convocation.delivery_error == ""
    assert len(mails_to(portal, "joel@example.org")) == 1
    assert not resend(seance["convocation-noel-ville"])  # on paper


def test_cancel_tells_everyone_and_cancels_the_calendar_event(seance, portal):
    portal.MailHost.reset()
    api.content.transition(obj=seance, transition="cancel", comment="Salle indisponible.")
    assert api.content.get_state(seance) == "cancelled"
    mail = mails_to(portal, "helene@example.org")[0]
    assert mail["Subject"].startswith("Annulation : Conseil municipal du ")
    ics = next(
        part for part in mail.iter_attachments() if part.get_content_type() == "text/calendar"
    )
    calendar = Calendar.from_ical(ics.get_content())
    assert str(calendar["method"]) == "CANCEL"
    assert int(calendar.walk("VEVENT")[0]["sequence"]) == 1  # above the convocation's 0
    assert len(sent_mails(portal)) == 3


def test_reminders_once_a_day_to_those_who_have_not_acknowledged(seance, portal):
    seance["convocation-helene-ville"].received_at = datetime.now(UTC)
    portal.MailHost.reset()
    too_early = seance.start - timedelta(days=5)
    assert send_reminders(now=too_early, days=2) == 0
    two_days_before = seance.start - timedelta(days=2)
    assert send_reminders(now=two_days_before, days=2) == 2
    assert mails_to(portal, "joel@example.org")[0]["Subject"].startswith(
        "Rappel : Conseil municipal du "
    )
    assert (
        send_reminders(now=two_days_before + timedelta(hours=1), days=2) == 0
    )  # never twice a day
    assert (
        send_reminders(now=two_days_before + timedelta(days=1), days=2) == 2
    )  # the next day, again
    assert send_reminders(now=seance.start + timedelta(hours=1), days=2) == 0  # it has started


def test_reminder_days_is_a_setting(portal):
    assert api.portal.get_registry_record("collective.convocation.reminder_days") == 2


@pytest.fixture
def rest(functional, world_of):
    """The security world, committed, and a REST client for its people."""
    from world import PASSWORD
    from world import userid

    import requests

    world = world_of
    urls = {
        "portal": functional["portal"].absolute_url(),
        "seance": world.seances["notified"].absolute_url(),
        "convocation": world.convocations[("notified", "official")].absolute_url(),
    }

    def post(persona, url, **json):
        auth = (
            (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
            if persona == "manager"
            else (userid(persona), PASSWORD)
        )
        return requests.post(
            url, auth=auth, headers={"Accept": "application/json"}, json=json, timeout=60
        )

    return urls, post


def test_rest_renotify(rest):
    urls, post = rest
    response = post(
        "agent",
        urls["seance"] + "/@renotify",
        subject="Procès-verbal",
        message="#prenom#, le PV est en ligne.",
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"sent": 3, "skipped": []}
    refused = post("agent", urls["seance"] + "/@renotify", subject="PV", message="#prenom_nom#")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].startswith("Balises inconnues : #prenom_nom#.")
    assert (
        post("official", urls["seance"] + "/@renotify", subject="PV", message="x").status_code
        == 401
    )
    assert (
        post("other_agent", urls["seance"] + "/@renotify", subject="PV", message="x").status_code
        == 401
    )


def test_rest_resend_and_reminders(rest):
    urls, post = rest
    resent = post("agent", urls["convocation"] + "/@resend")
    assert resent.status_code == 200 and resent.json() == {"delivery": "sent"}  # no queue here
    assert post("official", urls["convocation"] + "/@resend").status_code == 401
    assert post("manager", urls["portal"] + "/@reminders").json() == {"sent": 0}
    assert post("agent", urls["portal"] + "/@reminders").status_code == 401


def test_renotify_form(rest, functional):
    from world import browser_as

    urls, _post = rest
    browser = browser_as(functional["app"], "agent@ville-a")
    browser.open(urls["seance"])
    browser.getLink("Notifier à nouveau").click()
    assert "Notifier à nouveau" in browser.contents
    assert (
        browser.getControl(name="form.widgets.subject").value
        == "#typeseance# du #dateseance# : information"
    )
    browser.getControl(name="form.widgets.subject").value = "Procès-verbal de la séance"
    browser.getControl(
        name="form.widgets.message"
    ).value = "#prenom#, le procès-verbal est en ligne : #urlseance#"
    browser.getControl(name="form.buttons.send").click()
    assert "Message envoyé à 3 destinataires." in browser.contents


def test_preview_for_a_chosen_recipient_before_sending(council):
    from collective.convocation.operations.sending import preview

    seance = add_seance(council, days_ahead=10)
    subject, text = preview(seance, "convocation", "joel@ville")
    assert subject.startswith("Convocation : Conseil municipal du ")
    assert text.startswith("Joël Lefèvre,")
    assert "en qualité de Premier adjoint" in text
    assert [
        c for c in seance.objectValues() if c.portal_type == "Convocation"
    ] == []  # nothing stored
    subject, text = preview(seance, "invitation", "dgs@ville")
    assert subject.startswith("Invitation : ")


def test_preview_page(rest, functional):
    from world import browser_as

    urls, _post = rest
    browser = browser_as(functional["app"], "agent@ville-a")
    browser.open(urls["seance"] + "/@@mail-preview?recipient=official2@ville-a&kind=reminder")
    assert "Aperçu des courriels" in browser.contents
    assert "Rappel : Conseil municipal du " in browser.contents
    assert "Oscar Second," in browser.contents
