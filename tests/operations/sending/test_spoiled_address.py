"""An address an official typed himself, spoiled: only his own mails stop."""

from background import settled
from clients import rest
from world import userid

import transaction


def test_an_address_an_official_spoils_himself_stops_only_his_own_mails(functional, world_of):
    """``PATCH @users`` takes any email from its owner: the others are convoked all the same."""
    portal = functional["portal"]
    world = world_of
    transaction.commit()
    users = f"{portal.absolute_url()}/@users/"
    spoiled = {"official": "odile@example.org,evil@example.org", "official2": ""}
    for persona, email in spoiled.items():
        response = rest("PATCH", persona, users + userid(persona), json={"email": email})
        assert response.status_code == 204
    draft = world.seances["draft"].absolute_url()
    assert rest("POST", "agent", draft + "/@workflow/notify").status_code == 200
    notified = world.seances["notified"].absolute_url()  # sent before the addresses changed
    response = rest(
        "POST", "agent", notified + "/@renotify", json={"subject": "Rappel", "message": "Lisez."}
    )
    assert response.status_code == 200, response.text
    assert response.json()["sent"] == 1  # the invitee

    settled(portal)
    for seance in ("draft", "notified"):
        deliveries = {
            c.recipient: c.delivery
            for c in world.seances[seance].objectValues()
            if c.portal_type == "Convocation"
        }
        assert deliveries == {
            userid("official"): "unreachable",
            userid("official2"): "unreachable",
            userid("invitee"): "sent",  # handed to the test's MailHost, which has no queue
        }
