"""After the sending: notify again, resend, cancel, reminders — in code and over REST."""

from collective.convocation.operations.reminders import send_reminders
from collective.convocation.operations.sending import renotify
from collective.convocation.operations.sending import resend
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from test_sending import add_seance
from test_sending import council  # noqa: F401 - the fixture
from test_sending import notify
from test_sending import sent_mails

import pytest


@pytest.fixture
def seance(council):  # noqa: F811
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
def rest(functional):
    """The security world, committed, and a REST client for its people."""
    from world import build
    from world import PASSWORD
    from world import userid

    import requests
    import transaction

    world = build(functional["portal"])
    transaction.commit()
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
    assert response.json() == {"sent": 3}
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


def test_preview_for_a_chosen_recipient_before_sending(council):  # noqa: F811
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
