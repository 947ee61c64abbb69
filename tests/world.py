"""A small world for the security tests: two collectivities, their people, a séance in each state."""

from collective.convocation.content.convocation import recipient_id
from collective.convocation.setuphandlers.demo import pdf_file
from datetime import date
from datetime import datetime
from datetime import timedelta
from plone import api
from plone.app.event.base import default_timezone
from plone.dexterity.utils import createContentInContainer
from types import SimpleNamespace
from zoneinfo import ZoneInfo


PASSWORD = "Un-mot-de-passe-2026"
PERSONAS = {
    "official": "Odile Officielle",  # convoked official
    "official2": "Oscar Second",  # another convoked official
    "colleague": "Colette Collègue",  # same assembly, not convoked
    "invitee": "Ivan Invité",
    "agent": "Agathe Agent",  # ConvocationAgent of collectivity A
    "admin": "Adam Admin",  # ConvocationAdmin of collectivity A
    "other_agent": "Bob Autre",  # ConvocationAgent of collectivity B
}


def userid(persona):
    return f"{persona}@ville-a"


def add_people():
    for persona, fullname in PERSONAS.items():
        api.user.create(
            email=f"{persona}@example.org",
            username=userid(persona),
            password=PASSWORD,
            properties={"fullname": fullname},
        )


def add_seance(assembly, days_ahead, **fields):
    start = datetime(2030, 6, 1, 18, 30, tzinfo=ZoneInfo("Europe/Paris")) + timedelta(
        days=days_ahead
    )
    seance = createContentInContainer(
        assembly,
        "Seance",
        start=start,
        end=start + timedelta(hours=2),
        location="Salle du conseil",
        convocation_file=pdf_file("convocation.pdf", "Convocation"),
        **fields,
    )
    createContentInContainer(
        seance, "File", id="rapport", title="Rapport", file=pdf_file("rapport.pdf", "Rapport")
    )
    return seance


def move_start(seance, start):
    """The séance, already sent, now begins at ``start`` (stored in the portal's zone, as a form would)."""
    zone = default_timezone(seance, as_tzinfo=True)
    seance.start = start.astimezone(zone)
    seance.end = (start + timedelta(hours=2)).astimezone(zone)
    seance.reindexObject()
    return seance


def started(seance, hours=1):
    """The séance, already sent, began ``hours`` ago: for the rules of its day."""
    return move_start(seance, datetime.now(ZoneInfo("Europe/Paris")) - timedelta(hours=hours))


def build(portal):
    """Everything the security matrix needs; returns a namespace of its objects."""
    with api.env.adopt_roles(["Manager"]):
        add_people()
        town_a = createContentInContainer(
            portal,
            "Collectivity",
            id="ville-a",
            title="Ville A",
            login_suffix="ville-a",
            population=1200,
        )
        town_b = createContentInContainer(
            portal,
            "Collectivity",
            id="ville-b",
            title="Ville B",
            login_suffix="ville-b",
            population=5000,
        )
        api.user.grant_roles(username=userid("agent"), obj=town_a, roles=["ConvocationAgent"])
        api.user.grant_roles(username=userid("admin"), obj=town_a, roles=["ConvocationAdmin"])
        api.user.grant_roles(username=userid("other_agent"), obj=town_b, roles=["ConvocationAgent"])
        council = createContentInContainer(
            town_a, "Assembly", id="conseil", title="Conseil municipal", kind="council"
        )
        createContentInContainer(town_b, "Assembly", id="conseil", title="Conseil communautaire")
        for persona in ("official", "official2", "colleague"):
            createContentInContainer(
                council,
                "Mandate",
                official=userid(persona),
                function="Conseiller municipal",
                start=date(2026, 3, 22),
                # The colleague's mandate ended before the séances: not convoked.
                end=date(2027, 12, 31) if persona == "colleague" else None,
            )
        seances = {}
        convocations = {}
        for days, state in enumerate(("draft", "notified", "archived", "cancelled")):
            seance = add_seance(
                council, days, title=f"Séance {state}", extra_invitees=[userid("invitee")]
            )
            seances[state] = seance
            if state == "draft":
                continue
            api.content.transition(obj=seance, transition="notify")
            for persona in ("official", "official2", "invitee"):
                convocations[(state, persona)] = seance[recipient_id(userid(persona))]
            if state == "archived":
                started(seance)  # archived once it has taken place
                api.content.transition(obj=seance, transition="archive")
            elif state == "cancelled":
                api.content.transition(
                    obj=seance, transition="cancel", comment="Le quorum ne sera pas atteint."
                )
    return SimpleNamespace(
        town_a=town_a, town_b=town_b, council=council, seances=seances, convocations=convocations
    )


def add_town(portal, **fields):
    """Ville-sur-Test (1,200 inhabitants) and its council, empty."""
    town = createContentInContainer(
        portal,
        "Collectivity",
        id="ville",
        title="Ville-sur-Test",
        login_suffix="ville",
        population=1200,
        sender_name="Mairie de Ville-sur-Test",
        sender_email="mairie@ville.example",
        **fields,
    )
    return createContentInContainer(
        town, "Assembly", id="conseil", title="Conseil municipal", kind="council"
    )


def browser_as(app, login, password=PASSWORD):
    """A test browser logged in with HTTP basic auth, errors raised."""
    from plone.testing.zope import Browser

    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:{password}")
    return browser
