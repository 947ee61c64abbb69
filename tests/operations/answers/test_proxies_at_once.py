"""Rules between officials hold when they answer at the same moment, against the real WSGI server.

Each request runs in its own thread of the test server, with its own ZODB
connection, as in production; the ZODB's conflict and Zope's retry decide.
"""

from collective.convocation.setuphandlers.demo import pdf_file
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.dexterity.utils import createContentInContainer
from world import add_town
from world import PASSWORD

import pytest
import requests
import threading
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
HOLDER = "holder@ville"
FULL = "Hélène Holder porte déjà un pouvoir : un élu n'en porte qu'un."
ABSENT = "Hélène Holder ne sera pas présent à la séance et ne peut pas porter votre pouvoir."


@pytest.fixture
def seance(functional):
    """A notified séance of the holder and eight colleagues, every one having acknowledged receipt."""
    portal = functional["portal"]
    officials = [HOLDER] + [f"elu{number}@ville" for number in range(8)]
    with api.env.adopt_roles(["Manager"]):
        council = add_town(portal)
        for official in officials:
            api.user.create(
                email=f"{official.split('@')[0]}@example.org",
                username=official,
                password=PASSWORD,
                properties={"fullname": "Hélène Holder" if official == HOLDER else official},
            )
            createContentInContainer(
                council, "Mandate", official=official, function="Conseiller", start=date(2026, 1, 1)
            )
        seance = createContentInContainer(
            council,
            "Seance",
            start=datetime.now(UTC) + timedelta(days=10),
            location="Mairie",
            allow_proxy=True,
            convocation_file=pdf_file("convocation.pdf", "Convocation"),
        )
        api.content.transition(obj=seance, transition="notify")
    transaction.commit()
    for official in officials:
        assert post(seance, official, "@receipt").status_code == 200
    return seance


def post(seance, official, service, **body):
    url = f"{seance.absolute_url()}/convocation-{official.replace('@', '-')}/{service}"
    return requests.post(url, auth=(official, PASSWORD), headers=JSON, json=body, timeout=120)


def at_once(calls):
    """Run the calls in threads released together; their responses, in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def proxies_held(seance):
    response = requests.get(
        seance.absolute_url() + "/@tracking", auth=("admin", "secret"), headers=JSON, timeout=60
    )
    lines = response.json()["recipients"]
    return [line["userid"] for line in lines if line["proxy_holder"] == HOLDER]


def test_six_officials_give_their_proxy_to_the_same_colleague_at_once(seance):
    givers = [f"elu{number}@ville" for number in range(6)]
    responses = at_once(
        [
            lambda giver=giver: post(
                seance, giver, "@attendance", attendance="proxy", proxy_holder=HOLDER
            )
            for giver in givers
        ]
    )
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200] + [400] * 5, [response.text for response in responses]
    refusals = {
        response.json()["error"]["message"] for response in responses if response.status_code == 400
    }
    assert refusals == {FULL}
    accepted = [
        giver
        for giver, response in zip(givers, responses, strict=True)
        if response.status_code == 200
    ]
    assert proxies_held(seance) == accepted  # the tracking agrees: one proxy


def test_a_holder_answering_absent_while_given_a_proxy(seance):
    """Either the proxy is given and the holder must stay, or she is absent and the proxy refused."""
    for round_ in range(3):
        giver = f"elu{round_}@ville"
        absent, proxy = at_once(
            [
                lambda: post(seance, HOLDER, "@attendance", attendance="absent"),
                lambda giver=giver: post(
                    seance, giver, "@attendance", attendance="proxy", proxy_holder=HOLDER
                ),
            ]
        )
        assert sorted((absent.status_code, proxy.status_code)) == [200, 400]
        if proxy.status_code == 200:
            assert proxies_held(seance) == [giver]
            assert "porteur" in absent.text or "pouvoir" in absent.json()["error"]["message"]
            # Give the holder back her freedom for the next round
            assert post(seance, giver, "@attendance", attendance="present").status_code == 200
        else:
            assert proxy.json()["error"]["message"] == ABSENT
            assert proxies_held(seance) == []
        assert post(seance, HOLDER, "@attendance", attendance="present").status_code == 200
