"""The agents' home of a collectivity, read from the catalog.

A few séances are woken (their place, notice and minutes); their convocations never are:
the receipt and answer rates come from the Convocation brains' metadata.
"""

from collective.convocation import permissions
from collective.convocation.content.assembly import IAssembly
from collective.convocation.core import home
from collective.convocation.core import legal
from collective.convocation.operations.people import person
from collective.convocation.operations.sending import notice_for
from datetime import datetime
from plone import api


AGENT_ROLES = ("ConvocationAgent", "ConvocationAdmin")
# Séances an agent still acts on; archived and cancelled ones are done with.
OPEN_STATES = ("draft", "notified")


def state_title(state):
    """« Brouillon », « Convoquée »...: the séance workflow's title of ``state``, in French."""
    title = api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, "Seance")
    return api.portal.translate(title, domain="plone")


def assemblies(collectivity):
    """The collectivity's assemblies the user may see, in folder order (brains)."""
    return api.content.find(
        context=collectivity, depth=1, portal_type="Assembly", sort_on="getObjPositionInParent"
    )


def visible_assemblies(collectivity):
    """The assemblies the user may open, in folder order: a collectivity holds a few."""
    return [
        assembly
        for assembly in collectivity.objectValues()
        if IAssembly.providedBy(assembly) and api.user.has_permission("View", obj=assembly)
    ]


def is_agent(context):
    """Who prepares and follows séances here (agents, administrators): the tracking's permission."""
    return not api.user.is_anonymous() and api.user.has_permission(
        permissions.ViewTracking, obj=context
    )


def agent_collectivities(user=None):
    """The collectivities where ``user`` holds the agent's or administrator's role, by title.

    The role, not the permission: a site manager sees every collectivity without being one's agent.
    """
    user = user or api.user.get_current()
    found = []
    for brain in api.content.find(portal_type="Collectivity", sort_on="sortable_title"):
        collectivity = brain.getObject()
        if set(AGENT_ROLES) & set(api.user.get_roles(user=user, obj=collectivity)):
            found.append(collectivity)
    return found


def _seance(brain, assembly, now):
    seance = brain.getObject()
    return {
        "title": brain.Title,
        "url": brain.getURL(),
        "start": seance.start,
        "location": seance.location or "",
        "state": brain.review_state,
        "assembly": assembly,
        "past": seance.start < now,
        "object": seance,
    }


def _rates(paths):
    """{séance path: Rates} of the sent séances at ``paths``: one catalog query, no object woken."""
    if not paths:
        return {}
    rows = {path: [] for path in paths}
    for brain in api.content.find(portal_type="Convocation", path={"query": paths, "depth": 1}):
        parent = brain.getPath().rpartition("/")[0]
        if parent in rows:
            rows[parent].append((brain.convocation_received, brain.convocation_attendance))
    return {path: home.rates(found) for path, found in rows.items()}


def overview(collectivity, now=None):
    """What the agents' home shows of ``collectivity``, for the assemblies the user is an agent of.

    {"assemblies": [{"title", "url", "may_add", "upcoming": [séance]}],
     "drafts": [séance + "deadline"], "sent": [séance + "rates"], "waiting": [séance]}
    """
    now = now or datetime.now(legal.PARIS)
    today = legal.local_day(now)
    followed = []
    for brain in assemblies(collectivity):
        assembly = brain.getObject()
        if is_agent(assembly):
            followed.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "path": brain.getPath(),
                    "may_add": api.user.has_permission(permissions.AddSeance, obj=assembly),
                    "upcoming": [],
                }
            )
    by_path = {assembly["path"]: assembly for assembly in followed}
    seances = []
    if followed:
        for brain in api.content.find(
            path={"query": list(by_path), "depth": 1},
            portal_type="Seance",
            review_state=OPEN_STATES,
            sort_on="seance_start",
        ):
            assembly = by_path.get(brain.getPath().rpartition("/")[0])
            if assembly is not None:
                seances.append(_seance(brain, assembly, now))
    drafts, sent, waiting = [], [], []
    for seance in seances:
        if not seance["past"]:
            seance["assembly"]["upcoming"].append(seance)
        if seance["state"] == "draft":
            required = legal.required_days(
                notice_for(seance["object"]), bool(seance["object"].urgent)
            )
            drafts.append({**seance, "deadline": home.deadline(seance["start"], required, today)})
        elif not seance["past"]:
            sent.append(seance)
        elif getattr(seance["object"], "minutes_file", None) is None:
            waiting.append(seance)
    rates = _rates(["/".join(seance["object"].getPhysicalPath()) for seance in sent])
    for seance in sent:
        seance["rates"] = rates["/".join(seance["object"].getPhysicalPath())]
    return {"assemblies": followed, "drafts": drafts, "sent": sent, "waiting": waiting}


def assembly_seances(assembly, now=None):
    """The assembly's séances the user may see: {"upcoming": soonest first, "past": latest first}.

    Brains only: the date, title and state are the catalog's.
    """
    now = now or datetime.now(legal.PARIS)
    found = {"upcoming": [], "past": []}
    for brain in api.content.find(
        context=assembly, depth=1, portal_type="Seance", sort_on="seance_start"
    ):
        found["upcoming" if brain.seance_start >= now else "past"].append(
            {
                "title": brain.Title,
                "url": brain.getURL(),
                "start": brain.seance_start,
                "state": brain.review_state,
            }
        )
    found["past"].reverse()
    return found


def mandates(assembly, today=None):
    """The assembly's mandates the user may see: {"current": [...], "ended": [...]}, by last name."""
    today = today or legal.local_day(datetime.now(legal.PARIS))
    found = {"current": [], "ended": []}
    for brain in api.content.find(context=assembly, depth=1, portal_type="Mandate"):
        mandate = brain.getObject()
        names = person(mandate.official)
        ended = mandate.end is not None and mandate.end < today
        found["ended" if ended else "current"].append(
            {
                "name": names["fullname"],
                "sort": (names["nom"].lower(), names["prenom"].lower()),
                "function": mandate.function or "",
                "seat": mandate.seat,
                "group": mandate.group or "",
                "start": mandate.start,
                "end": mandate.end,
                "url": brain.getURL(),
            }
        )
    for rows in found.values():
        rows.sort(key=lambda row: row["sort"])
    return found
