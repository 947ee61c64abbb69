"""No page and no GET of the add-on writes to the database, whoever looks (issue 9: GET never writes).

A GET that wrote would journal under the name of whoever happens to look,
conflict with the officials' answers, and be undone by plone.protect's
CSRF guard anyway.
"""

from world import PASSWORD
from world import userid

import requests


AGENT_PAGES = [
    "",
    "/@@send-convocations",
    "/@@deliveries",
    "/@@journal",
    "/@@journal.json",
    "/@@journal.csv",
    "/@@journal.pdf",
    "/@@emargement.pdf",
    "/@@emargement.csv",
    "/@@dossier.pdf",
    "/@@dossier.zip",
    "/@@roll-call",
    "/@@renotify",
]
AGENT_SERVICES = [
    "",
    "/@tracking",
    "/@journal",
    "/@journal?format=csv",
    "/@journal?format=json",
    "/@journal?format=pdf",
    "/@emargement?format=pdf",
    "/@emargement?format=csv",
    "/@dossier",
    "/@zip",
]


def get(persona, url, service=False):
    headers = {"Accept": "application/json"} if service else {}
    return requests.get(url, auth=(userid(persona), PASSWORD), headers=headers, timeout=60)


def test_nothing_an_agent_or_an_official_reads_writes(world_of, functional):
    database = functional["app"]._p_jar.db()
    seance = world_of.seances["notified"].absolute_url()
    convocation = world_of.convocations[("notified", "official")].absolute_url()
    portal = functional["portal"].absolute_url()
    get("agent", seance)  # a new site's first page sets Plone's portlets up: not ours
    before = database.lastTransaction()

    statuses = {}
    for path in AGENT_PAGES:
        statuses[f"page {path}"] = get("agent", seance + path).status_code
    for path in AGENT_SERVICES:
        statuses[f"service {path}"] = get("agent", seance + path, service=True).status_code
    for url, service in (
        (portal + "/@@mes-convocations", False),
        (portal + "/@my-convocations", True),
        (seance, False),
        (seance, True),
        (convocation, False),
        (convocation + "/@attendance", True),
    ):
        statuses[f"official {url}"] = get("official", url, service).status_code

    assert set(statuses.values()) == {200}, statuses
    assert database.lastTransaction() == before
