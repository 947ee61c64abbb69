"""« Mes données »: everything the add-on keeps about one person, as plain JSON-ready data.

It only reads: the profile, the mandates, the convocations with their
receipts and answers, the journal entries about the person, and which
notices they acknowledged.
"""

from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.journal import entries
from collective.convocation.operations.questionnaire import answers_of
from collective.convocation.privacy.notices import acknowledged
from collective.convocation.privacy.notices import collectivities_of
from collective.convocation.privacy.notices import notice_url
from DateTime import DateTime
from datetime import date
from datetime import datetime
from plone import api


# Plone's own, not personal data: the account's state
SKIPPED_PROPERTIES = ("portrait", "visible_ids", "ext_editor", "wysiwyg_editor", "language")


def plain(value):
    """A value as JSON holds it: dates as ISO 8601, containers as lists and dicts."""
    if isinstance(value, DateTime):
        return value.ISO8601()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(item) for item in value]
    return value


def profile(user):
    memberdata = api.portal.get_tool("portal_memberdata")
    properties = {
        name: plain(user.getProperty(name, None))
        for name in memberdata.propertyIds()
        if name not in SKIPPED_PROPERTIES
    }
    return {"id": user.getId(), "login": user.getUserName(), "properties": properties}


def _place(obj):
    assembly = ancestor(obj, IAssembly)
    collectivity = ancestor(obj, ICollectivity)
    return {
        "assembly": assembly.title if assembly is not None else "",
        "collectivity": collectivity.title if collectivity is not None else "",
    }


def mandates(userid):
    found = []
    for brain in api.content.find(portal_type="Mandate", unrestricted=True, sort_on="path"):
        mandate = brain._unrestrictedGetObject()
        if mandate.official != userid:
            continue
        found.append(
            {
                "@id": mandate.absolute_url(),
                **_place(mandate),
                "function": mandate.function or "",
                "seat": mandate.seat,
                "deputy_of": mandate.deputy_of or "",
                "group": mandate.group or "",
                "start": plain(mandate.start),
                "end": plain(mandate.end),
                "voting": bool(mandate.voting),
                "paper_convocation": bool(mandate.paper_convocation),
            }
        )
    return found


def _my_convocations(userid):
    brains = api.content.find(
        convocation_recipient=userid, unrestricted=True, sort_on="seance_start"
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def convocation_data(convocation):
    seance = ancestor(convocation, ISeance)
    return {
        "@id": convocation.absolute_url(),
        "seance": {
            "@id": seance.absolute_url(),
            "title": seance.Title(),
            "start": plain(seance.start),
            "location": seance.location or "",
            "state": api.content.get_state(seance, default=None),
        },
        **_place(seance),
        "category": convocation.category,
        "sent_at": plain(convocation.sent_at),
        "delivery": convocation.delivery,
        "delivered_at": plain(convocation.delivered_at),
        "receipt": {
            "received_at": plain(convocation.received_at),
            "via": convocation.received_via,
        },
        "attendance": convocation.attendance,
        "proxy_holder": convocation.proxy_holder or "",
        "answered_at": plain(convocation.answered_at),
        "history": plain(list(convocation.history or ())),
        "actual": convocation.actual,
        "questionnaires": plain(answers_of(convocation)),
    }


def about(entry, userid):
    """An entry is about the person when they did it, or it names them."""
    data = entry.get("data") or {}
    return userid in (entry.get("actor"), data.get("recipient"), data.get("proxy_holder"))


def journal_entries(seances, userid):
    found = []
    for seance in seances:
        for entry in entries(seance):
            if about(entry, userid):
                found.append({"seance": seance.absolute_url(), **plain(entry)})
    return found


def notices(userid):
    return [
        {
            "collectivity": collectivity.title,
            "notice": notice_url(collectivity),
            "acknowledged": plain(acknowledged(collectivity, userid)),
        }
        for collectivity in collectivities_of(userid, with_mandates=True)
    ]


def personal_data(user, now=None):
    """Everything kept about ``user`` (a member), as JSON-ready data."""
    userid = user.getId()
    convocations = _my_convocations(userid)
    seances = {}
    for convocation in convocations:
        seance = ancestor(convocation, ISeance)
        seances.setdefault(seance.getPhysicalPath(), seance)
    return {
        "generated_at": plain(now or datetime.now().astimezone()),
        "profile": profile(user),
        "mandates": mandates(userid),
        "convocations": [convocation_data(convocation) for convocation in convocations],
        "journal": journal_entries(seances.values(), userid),
        "privacy_notices": notices(userid),
    }
