"""GET @journal?format=… answers a file, and asks plone.restapi's permission as every service does."""

from world import PASSWORD
from world import userid

import pytest
import requests


AGENT = (userid("agent"), PASSWORD)


@pytest.mark.parametrize("query", ["", "?format=csv", "?format=json", "?format=pdf"])
def test_without_the_rest_api_permission_the_journal_is_refused(without_rest_api, query):
    url = f"{without_rest_api.seances['notified'].absolute_url()}/@journal{query}"
    response = requests.get(url, auth=AGENT, headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 401
    assert "attachment" not in response.headers.get("Content-Disposition", "")


@pytest.mark.parametrize("query", ["?format=csv", "?format=json", "?format=pdf"])
def test_with_it_the_journal_is_a_file(site, query):
    url = f"{site.seances['notified'].absolute_url()}/@journal{query}"
    response = requests.get(url, auth=AGENT, headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
