"""The same facts on every page, worded for a person: Paris time, names not ids, errors in French."""

from collective.convocation.core import legal
from collective.convocation.operations.mail_queue import apply_outcome
from collective.convocation.operations.mail_queue import FAILED
from collective.convocation.operations.sending import notice_for
from datetime import datetime
from datetime import UTC
from plone import api
from world import browser_as
from world import userid

import pytest
import re
import transaction


@pytest.fixture
def winter(world_of):
    """The notified séance moved to a winter evening, its times stored in UTC: 17:30 UTC is 18h30 in Paris."""
    world = world_of
    seance = world.seances["notified"]
    official = world.convocations[("notified", "official")]
    official2 = world.convocations[("notified", "official2")]
    with api.env.adopt_roles(["Manager"]):
        seance.start = datetime(2030, 1, 15, 17, 30, tzinfo=UTC)
        seance.end = datetime(2030, 1, 15, 19, 30, tzinfo=UTC)
        seance.reindexObject()
        official.sent_at = datetime(2030, 1, 2, 8, 15, tzinfo=UTC)
        official.delivered_at = datetime(2030, 1, 2, 8, 16, tzinfo=UTC)
        official.received_at = datetime(2030, 1, 3, 17, 30, tzinfo=UTC)
        official.received_via = "web"
        official.reindexObject()
        # A later reminder failed: the convocation stays delivered, the page says so in French
        apply_outcome(official, FAILED, "552 5.2.2 Mailbox full", kind="reminder")
        official2.delivery = "queued"
        apply_outcome(official2, FAILED, "[Errno 111] Connection refused")
        official2.delivery = "failed"  # as the queue leaves it after its retries
        official2.reindexObject()
    transaction.commit()
    return {
        "seance": seance.absolute_url(),
        "official": official.absolute_url(),
        "official2": official2.absolute_url(),
        "mandate_uid": official.mandate,
    }


def page(functional, persona, url):
    """The text a person reads on the page (Plone's <time datetime="…"> attributes are for machines)."""
    browser = browser_as(functional["app"], userid(persona))
    browser.open(url)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", browser.contents, flags=re.S)
    return re.sub(r"<[^>]*>", " ", html)


@pytest.mark.parametrize("persona", ["agent", "official"])
def test_convocation_page_in_paris_time_with_names(functional, winter, persona):
    html = page(functional, persona, winter["official"])
    assert "15 janvier 2030 à 18h30" in html  # the séance, 17:30 UTC
    assert "3 janvier 2030 à 18h30" in html  # the receipt, 17:30 UTC
    assert "2 janvier 2030 à 09h15" in html  # the sending, 08:15 UTC
    assert "17:30" not in html and "17h30" not in html and "+00:00" not in html
    # Names and functions, never ids
    assert winter["mandate_uid"] and winter["mandate_uid"] not in html
    assert "Conseiller municipal" in html
    assert userid("official") not in html
    assert "Qualité (fonction)" in html and "État de l'envoi" in html
    # The reminder's failure is told apart, in French; the convocation stays delivered
    assert "relance : échec — Boîte pleine chez le destinataire (552)." in html
    assert "Mailbox full" not in html


def test_a_failed_convocation_says_why_in_french(functional, winter):
    html = page(functional, "agent", winter["official2"])
    assert "Le serveur de messagerie est injoignable." in html
    assert "Errno" not in html and "Connection refused" not in html


def test_deliveries_and_tracking_in_french_and_paris_time(functional, winter):
    deliveries = page(functional, "agent", winter["seance"] + "/@@deliveries")
    assert "Le serveur de messagerie est injoignable." in deliveries
    assert "Errno" not in deliveries
    seance = page(functional, "agent", winter["seance"])
    assert "02/01/2030 09:15" in seance and "03/01/2030 18:30" in seance  # the tracking's table
    assert "Le serveur de messagerie est injoignable." in seance
    assert "Errno" not in seance and "+00:00" not in seance


def test_one_notice_figure_on_the_seance_and_send_pages_with_urgency(functional, world_of):
    seance = world_of.seances["draft"]
    with api.env.adopt_roles(["Manager"]):
        seance.urgent = True
        seance.urgency_reason = "Arrêté de péril à prendre."
        required = legal.required_days(notice_for(seance), True)
        usual = legal.required_days(notice_for(seance), False)
    transaction.commit()
    assert required != usual  # the urgency shortens the notice: the pages must say so alike
    url = seance.absolute_url()
    tracking = " ".join(page(functional, "agent", url).split())
    sending = " ".join(page(functional, "agent", url + "/@@send-convocations").split())
    assert f"le délai requis est de {required} jours francs." in tracking
    assert f"le délai requis est de {required} ." in sending  # « <strong>1</strong>. »
    for text in (tracking, sending):
        assert f"requis : {usual} " not in text and f"requis est de {usual}" not in text
