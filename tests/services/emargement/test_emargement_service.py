"""GET @emargement answers a file, and asks plone.restapi's permission as every service does."""

from world import PASSWORD
from world import userid

import requests


AGENT = (userid("agent"), PASSWORD)


def test_without_the_rest_api_permission_the_sheet_is_refused(without_rest_api):
    url = f"{without_rest_api.seances['notified'].absolute_url()}/@emargement?format=csv"
    response = requests.get(url, auth=AGENT, headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 401
    assert "text/csv" not in response.headers.get("Content-Type", "")


def test_with_it_the_sheet_is_a_file(site):
    url = f"{site.seances['notified'].absolute_url()}/@emargement?format=csv"
    response = requests.get(url, auth=AGENT, headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
