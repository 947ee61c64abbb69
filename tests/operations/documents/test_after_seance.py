"""After the séance: the agent adds the minutes, announces them and files the séance (« Classer»)."""

from collective.convocation.setuphandlers.demo import pdf
from world import browser_as
from world import PASSWORD
from world import started
from world import userid

import io
import pytest
import requests
import transaction


@pytest.fixture
def seance(notified):
    started(notified, hours=3)  # « after the séance »: it took place
    transaction.commit()
    return notified


def test_minutes_announced_then_filed_and_still_read_by_the_recipients(seance, functional):
    app = functional["app"]
    agent = browser_as(app, userid("agent"))
    agent.open(seance.absolute_url() + "/++add++File")
    agent.getControl(name="form.widgets.title").value = "Procès-verbal"
    agent.getControl(name="form.widgets.file").add_file(
        io.BytesIO(pdf("Procès-verbal de la séance")), "application/pdf", "pv.pdf"
    )
    agent.getControl(name="form.buttons.save").click()
    pv_url = agent.url.removesuffix("/view")

    agent.open(seance.absolute_url())
    agent.getLink("Notifier à nouveau").click()
    agent.getControl(name="form.widgets.subject").value = "Procès-verbal de la séance"
    agent.getControl(name="form.widgets.message").value = "Le procès-verbal est en ligne."
    agent.getControl(name="form.buttons.send").click()
    assert "Message envoyé à 3 destinataires." in agent.contents

    agent.open(seance.absolute_url())
    agent.getLink("Classer").click()
    assert "Classée" in agent.contents or "classée" in agent.contents

    # The official still finds it among their past séances, and reads the minutes
    official = browser_as(app, userid("official"))
    official.open(functional["portal"].absolute_url() + "/@@mes-convocations")
    assert "Séance notified" in official.contents
    # They had not acknowledged receipt: it is too late, but the documents are open to them
    official.open(seance.absolute_url())
    assert (
        "Cette séance est close : son accusé de réception n'est plus possible." in official.contents
    )
    official.getLink("Procès-verbal").click()
    assert (
        official.contents.startswith(b"%PDF")
        if isinstance(official.contents, bytes)
        else official.contents.startswith("%PDF")
    )
    response = requests.get(
        pv_url + "/@@download/file", auth=(userid("official"), PASSWORD), timeout=30
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")

    # Nobody edits a filed séance: the agent, the official, the Manager through the UI
    for login in (userid("agent"), userid("official")):
        browser = browser_as(app, login)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        for url in (
            seance.absolute_url() + "/@@edit",
            pv_url + "/@@edit",
            seance.absolute_url() + "/++add++File",
        ):
            browser.open(url)
            assert "insufficient-privileges" in browser.url or "require_login" in browser.url, url
    with_rest = requests.patch(
        pv_url,
        auth=(userid("agent"), PASSWORD),
        headers={"Accept": "application/json"},
        json={"title": "PV modifié"},
        timeout=30,
    )
    assert with_rest.status_code == 401
    transaction.begin()
    assert seance[pv_url.rsplit("/", 1)[1]].Title() == "Procès-verbal"
