"""The world's notified séance with two paper recipients: Odile has a postal address, Oscar none."""

from collective.convocation.content.convocation import recipient_id
from collective.convocation.setuphandlers.demo import pdf_file
from plone import api
from plone.dexterity.utils import createContentInContainer
from world import userid


ADDRESS = "12 rue de la Mairie\nBP 7\n44000 Nantes"


def on_paper(world):
    """As the sending leaves them for officials who asked for paper; returns the séance."""
    seance = world.seances["notified"]
    with api.env.adopt_roles(["Manager"]):
        world.town_a.postal_address = "Hôtel de ville\n1 place de la République\n44100 Ville A"
        api.user.get(userid=userid("official")).setMemberProperties(
            {"civility": "Mme", "postal_address": ADDRESS}
        )
        for persona in ("official", "official2"):
            convocation = seance[recipient_id(userid(persona))]
            convocation.delivery = "paper"
            convocation.reindexObject()
        createContentInContainer(
            seance,
            "AgendaItem",
            number="1",
            title="Budget primitif",
            main_file=pdf_file("budget.pdf", "Budget"),
        )
    return seance
