"""The datasets of `make bench` (scripts/bench_site.py), built in a site of its own; tested small.

- ``base``: the collectivity « Banc d'essai », its agent, N officials with an email, a council
  where each holds a titular mandate and a bureau of the first few, draft séances ready to be
  sent over REST, and two séances whose convocations wait for a receipt;
- ``fill``: other collectivities whose séances hold ``count`` Convocations in all, growing
  what is there; the reader (``READER``) is convoked in the first ones only, so that his
  « Mes convocations » stays the same whatever the site holds.

Accounts, assemblies, mandates and séances are made the normal way. Convocations are made in
bulk by ``convoke``, the objects create_convocation and the sending make, catalogued once with
the real indexers; skipped: the mails (no message composed or queued: ``delivery`` says
« sent »), the journal's entries, and the sending's own steps (the séance's state is set as
demo.py sets an archived séance's, without its transition).
"""

from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.convocation import RECIPIENT_ROLES
from collective.convocation.core.names import full_name
from collective.convocation.operations.reader_groups import readers_group
from collective.convocation.setuphandlers.demo import pdf_file
from contextlib import contextmanager
from DateTime import DateTime
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from functools import cache
from plone import api
from plone.dexterity.utils import createContent
from plone.dexterity.utils import createContentInContainer
from zoneinfo import ZoneInfo

import collective.convocation.indexers


PASSWORD = "Banc-d-essai-2026"
SUFFIX = "banc"
AGENT = f"agent@{SUFFIX}"
READER = f"lecteur@{SUFFIX}"
PARIS = ZoneInfo("Europe/Paris")
SINCE = date(2026, 1, 1)  # the mandates' start
FILLER_ASSEMBLIES = 10  # 5 towns of 2 assemblies
READER_SEANCES = 20  # the reader's convocations, half of them past


def official(number):
    return f"elu{number:05d}@{SUFFIX}"


def add_account(userid, fullname):
    api.user.create(
        email=userid.replace(f"@{SUFFIX}", f"@{SUFFIX}.example"),
        username=userid,
        password=PASSWORD,
        properties={"fullname": fullname},
    )
    return userid


def add_town(portal, id, title, suffix):
    return createContentInContainer(
        portal,
        "Collectivity",
        id=id,
        title=title,
        login_suffix=suffix,
        population=1000,  # small rules: 3 clear days, no note de synthèse
        sender_name=f"Mairie de {title}",
        sender_email=f"convocations@{suffix}.example",
    )


def add_assembly(town, id, title, officials):
    """An assembly where each of ``officials`` holds a titular mandate: {userid: the mandate's UID}."""
    assembly = createContentInContainer(town, "Assembly", id=id, title=title, kind="council")
    return {
        userid: createContentInContainer(
            assembly, "Mandate", official=userid, function="Conseiller municipal", start=SINCE
        ).UID()
        for userid in officials
    }


def add_seance(assembly, start, id=None):
    seance = createContentInContainer(
        assembly,
        "Seance",
        id=id,
        title=f"{assembly.title} du {start:%d/%m/%Y}",
        start=start,
        end=start + timedelta(hours=2),
        location="Salle du conseil",
        convocation_file=pdf_file("convocation.pdf", "Convocation"),
    )
    return seance


def seance_start(days):
    """A séance ``days`` from today (in the past when negative), 18h30 in Paris."""
    day = datetime.now(PARIS).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, 18, 30, tzinfo=PARIS)


@contextmanager
def names_remembered():
    """The catalog's tracking column asks the user directory once per official, not per convocation.

    Each lookup of a user costs catalog searches (his groups): thousands of them otherwise.
    """
    indexers = collective.convocation.indexers
    original = indexers.person
    if hasattr(original, "cache_info"):  # already remembered by an enclosing build
        yield
        return
    indexers.person = cache(original)
    try:
        yield
    finally:
        indexers.person = original


def convoke(seance, mandates, state="notified", received=False, users=None):
    """The séance sent to ``mandates`` ({userid: mandate UID}) and put in ``state``.

    As the sending leaves it: the recipients' local role on the séance, its readers group,
    its ``sent_at``; one Convocation each, owned by its recipient alone, delivered. In the
    order that catalogues each object once: the séance's roles and state first. ``users``:
    the users already looked up, by id, kept from one séance to the next.
    """
    catalog = api.portal.get_tool("portal_catalog")
    workflow_tool = api.portal.get_tool("portal_workflow")
    sent_at = min(datetime.now(UTC), seance.start - timedelta(days=8))
    for userid in mandates:
        roles = {RECIPIENT_ROLES["convocation"]} | ({"Reader"} if state == "archived" else set())
        seance.manage_setLocalRoles(
            userid, sorted(set(seance.get_local_roles_for_userid(userid)) | roles)
        )
    seance.manage_setLocalRoles(readers_group(seance), ["Reader"])
    set_state(seance, state)
    seance.sent_at = sent_at
    seance.clear_days_given = 7
    seance.reindexObject()
    users = {} if users is None else users
    for userid in mandates:
        if userid not in users:
            users[userid] = api.user.get(userid=userid)
    with names_remembered():
        for userid, mandate in mandates.items():
            user = users[userid]
            convocation = createContent(  # its creation event gives it a UID and a creator
                "Convocation",
                id=recipient_id(userid),
                title=full_name(user and user.getProperty("fullname"), userid),
                recipient=userid,
                category="convocation",
                mandate=mandate,
            )
            seance._setObject(convocation.id, convocation, set_owner=False, suppress_events=True)
            convocation = seance._getOb(convocation.id)
            convocation.manage_setLocalRoles(userid, ["Owner"])
            if user is not None:
                convocation.changeOwnership(user.getUser())
            for workflow in workflow_tool.getWorkflowsFor(convocation):
                workflow.notifyCreated(convocation)  # its state and role map
            convocation.sent_at = sent_at
            convocation.delivery = "sent"
            convocation.delivered_at = sent_at
            if received:
                convocation.received_at = sent_at + timedelta(hours=2)
                convocation.received_via = "web"
            catalog.catalog_object(convocation, "/".join(convocation.getPhysicalPath()))
    return seance


def set_state(seance, state):
    """``state`` of the séance's workflow, its roles and catalog following, with no transition run."""
    if state == api.content.get_state(seance):
        return
    workflow_tool = api.portal.get_tool("portal_workflow")
    workflow_tool.setStatusOf(
        "seance_workflow",
        seance,
        {"review_state": state, "action": None, "actor": AGENT, "comments": "", "time": DateTime()},
    )
    workflow_tool["seance_workflow"].updateRoleMappingsFor(seance)


def base(portal, officials=500, small=5):
    """The sending and receipt séances (see the module), with ``officials`` in the council."""
    with api.env.adopt_roles(["Manager"]), names_remembered():
        town = add_town(portal, SUFFIX, "Banc d'essai", SUFFIX)
        add_account(AGENT, "Agathe Agent")
        api.user.grant_roles(username=AGENT, obj=town, roles=["ConvocationAgent"])
        add_account(READER, "Lucie Lectrice")
        people = [add_account(official(n), f"Élu{n} Banc{n}") for n in range(officials)]
        council = add_assembly(town, "conseil", "Conseil municipal", people)
        bureau = add_assembly(town, "bureau", "Bureau municipal", people[:small])
        add_seance(town["conseil"], seance_start(30), "envoi")
        for number in (1, 2, 3):
            add_seance(town["bureau"], seance_start(30), f"envoi-{number}")
        users = {}
        for number in (1, 2):
            seance = add_seance(town["conseil"], seance_start(40), f"accuses-{number}")
            convoke(seance, council, users=users)
    return {"council": council, "bureau": bureau}


def filler_assemblies(portal, people, seats):
    """The filler's assemblies, made on the first call: ``seats`` of ``people`` each, and the reader."""
    assemblies = []
    for number in range(FILLER_ASSEMBLIES):
        town_id = f"ville-{number // 2 + 1:02d}"
        if town_id not in portal:
            add_town(portal, town_id, f"Ville {number // 2 + 1}", town_id)
        town = portal[town_id]
        assembly_id = f"assemblee-{number % 2 + 1}"
        if assembly_id in town:
            assembly = town[assembly_id]
            mandates = {
                mandate.official: mandate.UID()
                for mandate in assembly.objectValues()
                if mandate.portal_type == "Mandate"
            }
        else:
            chosen = [people[(number * seats + seat) % len(people)] for seat in range(seats)]
            mandates = add_assembly(town, assembly_id, f"Conseil {number + 1}", chosen + [READER])
        assemblies.append((town[assembly_id], mandates))
    return assemblies


def fill(portal, people, count, seats=100, mine=READER_SEANCES, commit=lambda: None):
    """Filler séances of ``seats`` convocations until they hold ``count`` in all; how many séances made.

    Made round the assemblies; each assembly's séances are a week apart, one past (archived,
    received), one to come, and so on. The reader is convoked in the first two séances of the
    first ``mine`` / 2 assemblies: half past, half to come, ``mine`` in all whatever the size.
    ``commit`` is called after each séance.
    """
    made = 0
    users = {}
    with api.env.adopt_roles(["Manager"]), names_remembered():
        assemblies = filler_assemblies(portal, people, seats)
        seances = [
            [item for item in assembly.objectValues() if item.portal_type == "Seance"]
            for assembly, _mandates in assemblies
        ]
        held = sum(len(seance.objectIds()) for group in seances for seance in group)
        turn = sum(len(group) for group in seances)
        while held < count:
            number = turn % len(assemblies)
            assembly, mandates = assemblies[number]
            rank = turn // len(assemblies)  # the séances this assembly has already
            wanted = {userid: uid for userid, uid in mandates.items() if userid != READER}
            if rank < 2 and number < mine // 2:
                wanted[READER] = mandates[READER]
            past = rank % 2 == 0
            days = 7 * (rank // 2 + 1) * (-1 if past else 1)
            seance = add_seance(assembly, seance_start(days), f"seance-{rank + 1:03d}")
            convoke(seance, wanted, "archived" if past else "notified", past, users)
            held += len(wanted)
            turn += 1
            made += 1
            commit()
    return made
