"""Rules at the point of action (issue 9 §4), the same on every path: action menu, form, REST.

« Classer » once the séance has started; the roll call from the séance's day; « Notifier à
nouveau », « Envoyer à nouveau » and reminders only while the séance is notified; cancelling
asks for a reason, which reaches the recipients' mail and the journal.
"""

from clients import rest
from collective.convocation.core.legal import PARIS
from datetime import datetime
from datetime import time
from datetime import timedelta
from urllib.parse import urlencode
from world import browser_as
from world import move_start
from world import PASSWORD
from world import started
from world import userid

import pytest
import requests
import transaction


JSON = {"Accept": "application/json"}
NOT_STARTED = "La séance n'a pas encore commencé : elle pourra être classée une fois commencée"
REASON_REQUIRED = "Indiquez le motif de l'annulation"
NOT_NOTIFIED = "Cette séance n'est pas convoquée"


def later_today():
    """A start later on today's date in Paris (the roll call's day has come, the séance not)."""
    now = datetime.now(PARIS)
    return min(now + timedelta(hours=2), datetime.combine(now.date(), time(23, 59), PARIS))


def transitions(persona, seance):
    response = rest("GET", persona, seance.absolute_url() + "/@workflow")
    assert response.status_code == 200, response.text
    return sorted(item["@id"].rsplit("/", 1)[-1] for item in response.json()["transitions"])


def journal_items(seance):
    return rest("GET", "agent", seance.absolute_url() + "/@journal").json()["items"]


def state_of(seance):
    return rest("GET", "agent", seance.absolute_url() + "/@workflow").json()["state"]["id"]


# « Classer »


def test_archive_is_neither_offered_nor_allowed_before_the_seance_starts(world_of, functional):
    seance = world_of.seances["notified"]  # on 2 June 2030
    assert transitions("agent", seance) == ["cancel"]
    refused = rest("POST", "agent", seance.absolute_url() + "/@workflow/archive")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].startswith(NOT_STARTED)
    assert "02/06/2030 18:30" in refused.json()["error"]["message"]
    assert state_of(seance) == "notified"

    # Classic UI: no « Classer » in the workflow menu; the URL typed by hand says why.
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url())
    assert "workflow_action=archive" not in agent.contents
    assert "Annuler la séance" in agent.contents
    agent.open(seance.absolute_url() + "/content_status_history")
    token = agent.getControl(name="_authenticator", index=0).value
    agent.open(
        seance.absolute_url()
        + f"/content_status_modify?workflow_action=archive&_authenticator={token}"
    )
    assert NOT_STARTED in agent.contents
    assert "L'état de l'élément a changé." not in agent.contents
    assert state_of(seance) == "notified"


def test_archive_once_the_seance_has_started_is_journaled_with_actor_and_reason(world_of):
    seance = started(world_of.seances["notified"], hours=1)
    transaction.commit()
    assert transitions("agent", seance) == ["archive"]  # begun: filed, no longer cancelled
    archived = rest(
        "POST",
        "agent",
        seance.absolute_url() + "/@workflow/archive",
        json={"comment": "Séance tenue, procès-verbal en ligne."},
    )
    assert archived.status_code == 200, archived.text
    assert state_of(seance) == "archived"
    entry = journal_items(seance)[-1]
    assert entry["kind"] == "archived"
    assert entry["actor"] == userid("agent")
    assert entry["data"] == {"reason": "Séance tenue, procès-verbal en ligne."}


# « Appel »


def roll_call(seance, actual="present"):
    return rest(
        "POST",
        "agent",
        seance.absolute_url() + "/@roll-call",
        json={"recipient": userid("official"), "actual": actual},
    )


def test_roll_call_is_closed_before_the_seance_day(world_of, functional):
    seance = world_of.seances["notified"]
    refused = roll_call(seance)
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == (
        "L'appel ouvre le jour de la séance, le 2 juin 2030."
    )
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@roll-call")
    assert "L'appel ouvre le jour de la séance, le 2 juin 2030." in agent.contents
    assert 'name="actual' not in agent.contents  # no control to mark anyone
    # A form posted all the same (an old tab) is refused with the same words.
    agent.open(seance.absolute_url() + "/content_status_history")
    token = agent.getControl(name="_authenticator", index=0).value
    agent.post(
        seance.absolute_url() + "/@@roll-call",
        urlencode({"recipient": userid("official"), "actual": "present", "_authenticator": token}),
    )
    assert "L'appel ouvre le jour de la séance, le 2 juin 2030." in agent.contents
    assert "roll-call" not in [item["kind"] for item in journal_items(seance)]


def test_roll_call_opens_on_the_seance_day_and_stays_open_while_notified(world_of, functional):
    seance = move_start(world_of.seances["notified"], later_today())
    transaction.commit()
    assert roll_call(seance).status_code == 200
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/@@roll-call")
    assert "L'appel ouvre" not in agent.contents
    form = agent.getForm(id="roll-call-form")
    form.getControl(name="actual_1").value = ["late"]  # Officielle, Second, the invitee
    form.getControl("Enregistrer l'appel").click()
    assert "2 présences enregistrées." in agent.contents  # Odile was marked over REST

    started(seance, hours=30)  # yesterday's séance, not archived yet
    transaction.commit()
    assert roll_call(seance, "left").status_code == 200
    actual = {
        line["userid"]: line["actual"]
        for line in rest("GET", "agent", seance.absolute_url() + "/@tracking").json()["recipients"]
    }
    assert actual[userid("official")] == "left"
    assert actual[userid("official2")] == "late"

    # Archiving closes it: the agent no longer holds « Record attendance ».
    rest("POST", "agent", seance.absolute_url() + "/@workflow/archive")
    assert roll_call(seance).status_code == 401


def test_roll_call_in_code_is_closed_with_the_seance(world):
    from collective.convocation.operations.answers import AnswerRefused
    from collective.convocation.operations.tracking import record_actual

    for state in ("archived", "cancelled"):
        with pytest.raises(AnswerRefused) as refused:
            record_actual(world.convocations[(state, "official")], "present")
        assert refused.value.message == (
            "L'appel n'est ouvert que tant que la séance est convoquée "
            "(envoyée, ni classée ni annulée)."
        )
        assert world.convocations[(state, "official")].actual is None


# « Notifier à nouveau », « Envoyer à nouveau »


def renotify_over_rest(seance, message):
    return rest(
        "POST",
        "agent",
        seance.absolute_url() + "/@renotify",
        json={"subject": "PV", "message": message},
    )


def test_renotify_is_refused_on_a_draft_on_every_path(world_of, functional):
    draft = world_of.seances["draft"]
    refused = renotify_over_rest(draft, "Le PV est en ligne.")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].startswith(NOT_NOTIFIED)
    assert "renotified" not in [item["kind"] for item in journal_items(draft)]

    agent = browser_as(functional["app"], userid("agent"))
    agent.open(draft.absolute_url())
    assert "Notifier à nouveau" not in agent.contents  # not in the action menu
    agent.open(draft.absolute_url() + "/@@renotify")
    assert NOT_NOTIFIED in agent.contents  # the form says why
    assert "form.buttons.send" not in agent.contents  # and offers nothing to send

    agent.open(world_of.seances["notified"].absolute_url())
    assert "Notifier à nouveau" in agent.contents


@pytest.mark.parametrize("state", ["archived", "cancelled"])
def test_nothing_is_mailed_about_a_closed_seance(world_of, state):
    seance = world_of.seances[state]
    # The agents no longer hold « Send convocations » there: refused before any rule.
    response = renotify_over_rest(seance, "x")
    assert response.status_code == 401
    resent = rest(
        "POST", "agent", world_of.convocations[(state, "official")].absolute_url() + "/@resend"
    )
    assert resent.status_code == 401  # the convocation acquires the séance's permission


def test_the_deliveries_page_offers_to_resend_only_while_notified(world_of, functional):
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(world_of.seances["notified"].absolute_url() + "/@@deliveries")
    assert agent.contents.count("/@@resend") == 3
    for state in ("archived", "cancelled"):
        agent.open(world_of.seances[state].absolute_url() + "/@@deliveries")
        assert "Odile Officielle" in agent.contents
        assert "/@@resend" not in agent.contents


def test_resend_and_renotify_in_code_only_while_notified(world):
    from collective.convocation.operations.rules import ActionRefused
    from collective.convocation.operations.sending import renotify
    from collective.convocation.operations.sending import resend

    for state in ("archived", "cancelled"):
        with pytest.raises(ActionRefused) as refused:
            resend(world.convocations[(state, "official")])
        assert refused.value.message.startswith(NOT_NOTIFIED)
    with pytest.raises(ActionRefused):
        renotify(world.seances["draft"], "PV", "Le PV est en ligne.")
    assert resend(world.convocations[("notified", "official")])


def test_reminders_skip_a_cancelled_seance(world, portal):
    from collective.convocation.operations.reminders import send_reminders
    from email import message_from_bytes
    from email import policy

    notified, cancelled = world.seances["notified"], world.seances["cancelled"]
    portal.MailHost.reset()
    # Two days before the notified séance (2 June 2030); the cancelled one (4 June) is in range too.
    assert send_reminders(now=notified.start - timedelta(days=2), days=4) == 3
    mails = [message_from_bytes(raw, policy=policy.default) for raw in portal.MailHost.messages]
    assert {mail["Subject"].split(" du ")[0] for mail in mails} == {"Rappel : Conseil municipal"}
    assert [c.reminded_on for c in cancelled.objectValues() if c.portal_type == "Convocation"] == [
        None,
        None,
        None,
    ]


# Cancelling


def test_cancel_without_a_reason_is_refused_over_rest(world_of):
    seance = world_of.seances["notified"]
    url = seance.absolute_url() + "/@workflow/cancel"
    for body in (None, {"comment": ""}, {"comment": "   "}):
        refused = rest("POST", "agent", url, json=body)
        assert refused.status_code == 400
        assert refused.json()["error"]["message"].startswith(REASON_REQUIRED)
    assert state_of(seance) == "notified"
    assert "cancelled" not in [item["kind"] for item in journal_items(seance)]

    cancelled = rest("POST", "agent", url, json={"comment": "Salle indisponible."})
    assert cancelled.status_code == 200, cancelled.text
    assert state_of(seance) == "cancelled"
    entry = next(item for item in journal_items(seance) if item["kind"] == "cancelled")
    assert entry["actor"] == userid("agent")
    assert entry["data"] == {"reason": "Salle indisponible."}


def test_cancel_in_classic_ui_asks_for_the_reason(world_of, functional):
    seance = world_of.seances["notified"]
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url())
    agent.getLink("Annuler la séance").click()
    # The state-change form, with the cancellation chosen and a comment to write
    assert agent.getControl(name="workflow_action").value == ["cancel"]
    agent.getControl(name="form.button.FolderPublish").click()
    assert REASON_REQUIRED in agent.contents
    assert state_of(seance) == "notified"

    agent.getControl(name="comment").value = "Le maire est empêché."
    agent.getControl(name="form.button.FolderPublish").click()
    assert state_of(seance) == "cancelled"
    agent.open(seance.absolute_url() + "/@@journal")
    assert "Le maire est empêché." in agent.contents


def test_folder_contents_state_change_gives_the_rule_in_french(world_of, functional):
    import json

    seance = world_of.seances["notified"]
    agent = browser_as(functional["app"], userid("agent"))
    agent.open(seance.absolute_url() + "/content_status_history")
    token = agent.getControl(name="_authenticator", index=0).value
    url = world_of.council.absolute_url() + "/@@fc-workflow"

    def change(**form):
        agent.post(url, urlencode({"_authenticator": token, **form}))
        return json.loads(agent.contents)

    selection = json.dumps([seance.UID()])
    offered = change(selection=selection, render="yes")["transitions"]
    assert [transition["id"] for transition in offered] == ["cancel"]  # no « Classer » yet
    for transition, why in (("archive", NOT_STARTED), ("cancel", REASON_REQUIRED)):
        answer = change(selection=selection, transition=transition, comments="")
        assert answer["status"] == "warning"
        assert f"Séance notified : {why}" in answer["msg"]
    assert state_of(seance) == "notified"
    answer = change(selection=selection, transition="cancel", comments="Salle indisponible.")
    assert answer["status"] == "success"
    assert state_of(seance) == "cancelled"


def test_the_reason_reaches_every_recipient_in_the_cancellation_mail(world, portal):
    from email import message_from_bytes
    from email import policy
    from plone import api
    from plone.api.exc import InvalidParameterError

    seance = world.seances["notified"]
    portal.MailHost.reset()
    with api.env.adopt_user(username=userid("agent")):
        assert "cancel" in [
            t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(seance)
        ]
        with pytest.raises(InvalidParameterError):
            api.content.transition(obj=seance, transition="cancel")  # code is held to it too
        assert api.content.get_state(seance) == "notified"
        assert portal.MailHost.messages == []
        api.content.transition(obj=seance, transition="cancel", comment="Salle inondée.")
    mails = [message_from_bytes(raw, policy=policy.default) for raw in portal.MailHost.messages]
    assert sorted(mail["To"].addresses[0].addr_spec for mail in mails) == [
        "invitee@example.org",
        "official2@example.org",
        "official@example.org",
    ]
    for mail in mails:
        assert mail["Subject"].startswith("Annulation : Conseil municipal du ")
        assert "Motif de l'annulation : Salle inondée." in mail.get_body(("plain",)).get_content()


# The predicates themselves (legal.py, no Plone)


def test_roll_call_opens_at_midnight_paris_on_the_seance_day():
    from collective.convocation.core.legal import roll_call_open
    from datetime import UTC

    start = datetime(2026, 3, 29, 18, 30, tzinfo=PARIS)  # the day summer time begins
    assert not roll_call_open(start, datetime(2026, 3, 28, 22, 59, tzinfo=UTC))  # 23:59 Paris
    assert roll_call_open(start, datetime(2026, 3, 28, 23, 0, tzinfo=UTC))  # 00:00 Paris
    assert roll_call_open(start, start + timedelta(days=3))  # stays open after the day


def test_archive_from_the_start_and_cancel_with_a_reason():
    from collective.convocation.core import legal

    start = datetime(2030, 6, 2, 18, 30, tzinfo=PARIS)
    minute = timedelta(minutes=1)
    assert legal.transition_problem("archive", start, start - minute) == (
        legal.ARCHIVE_BEFORE_START
    )
    assert legal.transition_problem("archive", start, start) is None
    assert legal.transition_problem("cancel", start, start - minute, " \n") == (
        legal.CANCEL_WITHOUT_REASON
    )
    assert legal.transition_problem("cancel", start, start - minute, "Salle inondée.") is None
    too_long = "x" * (legal.CANCEL_REASON_MAX + 1)
    assert legal.transition_problem("cancel", start, start - minute, too_long) == (
        legal.CANCEL_REASON_TOO_LONG
    )
    # Once begun, the séance is held or lacked its quorum: no longer cancelled.
    assert legal.transition_problem("cancel", start, start, "Quorum non atteint.") == (
        legal.CANCEL_AFTER_START
    )
    assert legal.transition_problem("notify", start, start - minute) is None


def test_a_seance_that_has_begun_is_not_cancelled_by_any_path(world_of):
    seance = world_of.seances["notified"]
    transaction.begin()
    started(seance)
    transaction.commit()
    refused = rest(
        "POST", "agent", seance.absolute_url() + "/@workflow/cancel", json={"comment": "Trop tard."}
    )
    assert refused.status_code == 400
    assert "elle ne peut plus être annulée" in refused.json()["error"]["message"]
    assert state_of(seance) == "notified"
    page = requests.get(seance.absolute_url(), auth=(userid("agent"), PASSWORD), timeout=30).text
    assert "@@annuler" not in page  # no « Annuler la séance » button on its page
    assert "@@classer" in page


def test_the_upgrade_brings_the_guard_and_the_cancel_form_to_an_existing_site(portal):
    from collective.convocation.upgrades.v1002.rules import upgrade
    from plone import api

    workflow = api.portal.get_tool("portal_workflow")["seance_workflow"]
    workflow.transitions.archive.guard.expr = None  # as installed before 1002
    workflow.transitions.cancel.actbox_url = (
        "%(content_url)s/content_status_modify?workflow_action=cancel"
    )
    upgrade(api.portal.get_tool("portal_setup"))
    workflow = api.portal.get_tool("portal_workflow")["seance_workflow"]
    assert "archive_allowed" in workflow.transitions.archive.guard.getExprText()
    assert "content_status_history" in workflow.transitions.cancel.actbox_url


def test_the_upgrade_to_1003_brings_the_cancel_guard(portal):
    from collective.convocation.upgrades.v1003.rules import upgrade
    from plone import api

    workflow = api.portal.get_tool("portal_workflow")["seance_workflow"]
    workflow.transitions.cancel.guard.expr = None  # as installed before 1003
    upgrade(api.portal.get_tool("portal_setup"))
    workflow = api.portal.get_tool("portal_workflow")["seance_workflow"]
    assert "cancel_allowed" in workflow.transitions.cancel.guard.getExprText()


def test_a_reason_of_a_book_is_refused_and_nothing_is_mailed(world_of):
    seance = world_of.seances["notified"]
    refused = rest(
        "POST", "agent", seance.absolute_url() + "/@workflow/cancel", json={"comment": "x" * 2001}
    )
    assert refused.status_code == 400
    assert "2000 caractères au plus" in refused.json()["error"]["message"]
    assert state_of(seance) == "notified"
