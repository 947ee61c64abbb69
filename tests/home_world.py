"""The world of the agents' home: a draft in time, a draft past its deadline, a sent séance
answered by some, a séance held and waiting for its minutes."""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from datetime import datetime
from datetime import timedelta
from plone import api
from world import add_seance
from world import move_start
from world import started
from world import userid
from zoneinfo import ZoneInfo


def build_home(world):
    """On the world's council: receipts and answers on its notified séance, and two séances more.

    The notified séance's 3 recipients: 2 acknowledged, 1 answered.
    """
    notified = world.seances["notified"]
    for persona, attendance in (("official", "present"), ("official2", None)):
        with api.env.adopt_user(username=userid(persona)):
            convocation = world.convocations[("notified", persona)]
            acknowledge(convocation)
            if attendance:
                answer(convocation, attendance)
    with api.env.adopt_roles(["Manager"]):
        held = add_seance(world.council, 10, title="Séance tenue")
        api.content.transition(obj=held, transition="notify")
        started(held, hours=48)
        late = add_seance(world.council, 20, title="Séance pressée")
        move_start(late, datetime.now(ZoneInfo("Europe/Paris")) + timedelta(days=2))
    return {"notified": notified, "held": held, "late": late, "draft": world.seances["draft"]}
