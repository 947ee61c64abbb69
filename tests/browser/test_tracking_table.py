"""@@tracking-table: the recipients filtered and sorted by the query string, Paris times, French words."""

from datetime import datetime
from datetime import UTC
from plone import api
from world import browser_as
from world import PASSWORD
from world import started
from world import userid

import pytest
import re
import requests
import transaction


JSON = {"Accept": "application/json"}


@pytest.fixture
def seance(world_of):
    """Oscar acknowledged and answers present; Odile gets paper, posted on 2 January; the roll call began."""
    world = world_of
    url = world.convocations[("notified", "official2")].absolute_url()
    auth = (userid("official2"), PASSWORD)
    requests.post(url + "/@receipt", auth=auth, headers=JSON, timeout=30)
    requests.post(url + "/@attendance", auth=auth, headers=JSON, json={"attendance": "present"})
    transaction.begin()
    seance = world.seances["notified"]
    official = world.convocations[("notified", "official")]
    with api.env.adopt_roles(["Manager"]):
        official.delivery = "paper"
        official.posted_at = datetime(2030, 1, 1, 23, 0, tzinfo=UTC)  # 2 January, midnight in Paris
        official.arrived_at = datetime(2030, 1, 15, 17, 35, tzinfo=UTC)
        official.reindexObject()
        started(seance)
    transaction.commit()
    return seance


def said(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def table(browser, seance, query=""):
    browser.open(f"{seance.absolute_url()}/@@tracking-table{query}")
    return browser.contents


def order_in(html):
    body = html[html.index("<tbody") :]
    found = [(body.index(name), name) for name in ("Odile", "Oscar", "Ivan") if name in body]
    return [name for _, name in sorted(found)]


def test_the_fragment_shows_every_recipient_in_french(seance, functional):
    agent = browser_as(functional["app"], userid("agent"))
    html = table(agent, seance)
    assert '<section id="tracking-recipients"' in html
    assert "portal-header" not in html  # a fragment, no main_template: the séance's page embeds it
    text = said(html)
    assert "Tous (3)" in text and "Sans accusé de réception (2)" in text
    assert "Papier (1)" in text and "Sans réponse (2)" in text
    assert order_in(html) == ["Odile", "Oscar", "Ivan"]  # officials first, then the invitee
    assert "Posté le" in text and "02/01/2030" in text  # the day in Paris, with no hour
    assert "02/01/2030 00:00" not in text
    assert "arrivée à 18h35" in text
    assert "Ivan Invité (invité)" in text
    assert "ville-a" not in said(html[html.index("<tbody") :])  # no user ids on show
    assert 'aria-current="true"' in html and html.count("aria-current") == 1


def test_filter_and_sort_by_the_query_string(seance, functional):
    agent = browser_as(functional["app"], userid("agent"))
    html = table(agent, seance, "?filtre=sans-accuse")
    assert order_in(html) == ["Odile", "Ivan"]
    current = re.search(r'<a [^>]*aria-current="true"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert "Sans accusé de réception" in said(current)
    # The links keep the filter; the sorted header says so
    html = table(agent, seance, "?filtre=tous&tri=nom&ordre=desc")
    assert order_in(html) == ["Oscar", "Odile", "Ivan"]
    assert 'aria-sort="descending"' in html
    agent.getLink("Destinataire").click()  # the sorted column's link turns the order round
    assert order_in(agent.contents) == ["Ivan", "Odile", "Oscar"]
    assert 'aria-sort="ascending"' in agent.contents
    html = table(agent, seance, "?filtre=presents")
    assert order_in(html) == ["Oscar"]
    html = table(agent, seance, "?filtre=pouvoirs")
    assert "Aucun destinataire dans cette liste." in html
    # Nonsense in the query string shows everyone
    assert order_in(table(agent, seance, "?filtre=zzz&tri=zzz&ordre=zzz")) == [
        "Odile",
        "Oscar",
        "Ivan",
    ]


@pytest.mark.parametrize("persona", ["official", "invitee", "other_agent"])
def test_only_agents_see_the_table(seance, persona):
    response = requests.get(
        seance.absolute_url() + "/@@tracking-table",
        auth=(userid(persona), PASSWORD),
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (302, 401)
    assert "tracking-table" not in response.text
