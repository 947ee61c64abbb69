"""Every mail the add-on sends, as an SMTP server receives it: a Date, a Message-ID, no header a name added."""

from collective.convocation.operations.reminders import send_reminders
from datetime import datetime
from datetime import UTC
from email import message_from_bytes
from email import policy
from email.utils import parsedate_to_datetime
from plone import api
from plone.testing.zope import Browser
from world import PASSWORD

import requests
import time
import transaction


HOSTILE = "Joël Lefèvre\r\nBcc: evil@example.org"


def received(mailbox, already, count=1, seconds=40):
    """The mails that arrived after the first ``already``: at least ``count`` of them."""
    deadline = time.monotonic() + seconds
    while len(mailbox.envelopes) < already + count and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the rest of the batch
    envelopes = mailbox.envelopes[already:]
    assert len(envelopes) >= count
    return [
        (envelope.rcpt_tos, message_from_bytes(envelope.original_content, policy=policy.default))
        for envelope in envelopes
    ]


def post(url, login, **kwargs):
    return requests.post(
        url,
        auth=(login, PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
        **kwargs,
    )


def dated_and_identified(mail, sent_after, domain="localhost"):
    date = parsedate_to_datetime(mail["Date"])
    assert date.tzinfo is not None and sent_after <= date <= datetime.now(UTC), mail["Date"]
    assert mail["Message-ID"].startswith("<") and mail["Message-ID"].endswith(f"@{domain}>")


def test_every_mail_is_dated_identified_and_a_name_with_a_line_break_breaks_nothing(
    site,
    inbox,
    admin,
):
    inbox.controller.start()
    portal = site["portal"]
    url = site["seance_url"]
    started = datetime.now(UTC).replace(microsecond=0)
    # Joël's name as stored before names were cleaned at entry, straight in the property sheet.
    storage = portal.acl_users.mutable_properties._storage
    storage["joel@ville"] = {**storage["joel@ville"], "fullname": HOSTILE}
    transaction.commit()
    # Each kind of mail, by its path; what it is, who gets it
    kinds = []

    response = post(url + "/@workflow/notify", "agent@ville")
    assert response.status_code == 200, response.text
    convocations = received(inbox, 0, 2)
    kinds.append(("convocation", convocations))
    to_joel = next(mail for rcpt, mail in convocations if rcpt == ["joel@example.org"])
    assert to_joel["To"].addresses[0].display_name == "Joël Lefèvre Bcc: evil@example.org"
    assert to_joel.get_body(("plain",)).get_content().startswith("Joël Lefèvre Bcc:")

    count = len(inbox.envelopes)
    response = post(
        url + "/@renotify",
        "agent@ville",
        json={"subject": "Rappel\r\nBcc: evil@example.org", "message": "Ordre du jour modifié."},
    )
    assert response.status_code == 200, response.text
    renotified = received(inbox, count, 2)
    kinds.append(("renotify", renotified))
    assert {mail["Subject"] for _rcpt, mail in renotified} == {"Rappel Bcc: evil@example.org"}

    count = len(inbox.envelopes)
    assert post(f"{url}/convocation-helene-ville/@receipt", "helene@ville").status_code == 200
    response = post(
        f"{url}/convocation-helene-ville/@attendance",
        "helene@ville",
        json={"attendance": "proxy", "proxy_holder": "joel@ville"},
    )
    assert response.status_code == 200, response.text
    proxy = [
        (rcpt, mail)
        for rcpt, mail in received(inbox, count, 1)
        if rcpt == ["agent@example.org"] and "Marchand" in mail["Subject"]
    ]
    kinds.append(("proxy notice to the agent", proxy))
    assert "\n" not in proxy[0][1]["Subject"] and proxy[0][1]["Bcc"] is None

    count = len(inbox.envelopes)
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        assert (
            send_reminders(days=30) == 2
        )  # Joël and Zoé (whose box refuses) have not acknowledged
    transaction.commit()
    kinds.append(("reminder", received(inbox, count, 1)))

    count = len(inbox.envelopes)
    admin.open(portal["ville"].absolute_url() + "/@@add-account")
    admin.getControl(name="form.widgets.first_name").value = "Inès"
    admin.getControl(name="form.widgets.last_name").value = "Garnier"
    admin.getControl(name="form.widgets.email").value = "ines@example.org"
    admin.getControl(name="form.buttons.create").click()
    kinds.append(("account", received(inbox, count, 1)))

    count = len(inbox.envelopes)
    response = post(url + "/@workflow/cancel", "agent@ville", json={"comment": "Report"})
    assert response.status_code == 200, response.text
    kinds.append(("cancellation", received(inbox, count, 2)))

    for kind, mails in kinds:
        assert mails, kind
        for rcpt, mail in mails:
            assert len(rcpt) == 1 and "evil@example.org" not in rcpt, kind
            assert mail["Bcc"] is None, kind
            dated_and_identified(mail, started)

    # Plone's own mails (the password reset) go through MailHost.send: dated and identified too.
    count = len(inbox.envelopes)
    browser = Browser(site["app"])
    browser.open(portal.absolute_url() + "/@@login-help")
    field = next(
        control.name
        for control in browser.getForm(index=1).controls
        if "reset_password" in (control.name or "")
    )
    browser.getControl(name=field).value = "joel@ville"
    browser.getControl(name=field.replace("widgets.reset_password", "buttons.reset")).click()
    ((rcpt, reset),) = received(inbox, count, 1)
    assert rcpt == ["joel@example.org"] and reset["Bcc"] is None
    assert parsedate_to_datetime(reset["Date"]).tzinfo is not None
    assert reset["Message-ID"].startswith("<")
