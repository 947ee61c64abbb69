"""The public agenda: which séances a collectivity publishes, what of them is public, publishing by hand.

Read for anonymous visitors: the catalog is searched unrestricted and the
objects read as the system, so each function here gives out only the public
fields (core/public_agenda's records), never an object.

A séance is public once sent (notified, archived or cancelled) and published:
at the sending (its ``agenda_publication`` « À l'envoi des convocations »),
or when an agent chose « Plus tard, à la main » and then « Publier l'ordre du
jour » (``agenda_published_at``). Of a public séance the agenda shows the
items marked public, their report when marked public (``main_file_public``),
their annexes marked « Document public » (``public_document``), and the
séance's own Files so marked; never its convocation, note or invitation.
"""

from Acquisition import aq_base
from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.seance import BY_HAND
from collective.convocation.content.seance import ISeance
from collective.convocation.core import names
from collective.convocation.core.public_agenda import PublicDocument
from collective.convocation.core.public_agenda import PublicItem
from collective.convocation.core.public_agenda import PublicSeance
from collective.convocation.core.public_agenda import window_start
from collective.convocation.operations.journal import record
from collective.convocation.permissions import SendConvocations
from DateTime import DateTime
from datetime import datetime
from datetime import UTC
from plone import api
from plone.uuid.interfaces import IUUID


SENT_STATES = ("notified", "archived", "cancelled")
PAGE = "@@agenda-public"
DOWNLOAD = "@@document-public"


class PublishingRefused(ValueError):
    """« Publier l'ordre du jour » refused; ``message`` is in French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _state(seance):
    # The state as stored: no guard of the reader's (anonymous) in the way.
    workflow = api.portal.get_tool("portal_workflow")
    return workflow.getStatusOf("seance_workflow", seance).get("review_state", "draft")


def by_hand(seance):
    return getattr(seance, "agenda_publication", None) == BY_HAND


def published(seance):
    """The public agenda shows the séance: sent, and published at the sending or by hand."""
    return _state(seance) in SENT_STATES and (
        not by_hand(seance) or seance.agenda_published_at is not None
    )


def may_publish(seance):
    """The current user may publish the séance's agenda now: « Plus tard, à la main », sent, not yet."""
    return (
        by_hand(seance)
        and seance.agenda_published_at is None
        and _state(seance) in SENT_STATES
        and api.user.has_permission(SendConvocations, obj=seance)
    )


def publish(seance, now=None):
    """Publish the séance's agenda by hand; refuses (PublishingRefused) a draft or a published one.

    The caller checked the user's permission. Journaled: the publication is part of the proof.
    """
    if _state(seance) not in SENT_STATES:
        raise PublishingRefused(
            api.portal.translate(
                _("Send the convocations first: the agenda is published once the séance is sent.")
            )
        )
    if published(seance):
        raise PublishingRefused(api.portal.translate(_("The agenda is already published.")))
    seance.agenda_published_at = now or datetime.now(UTC)
    record(seance, "agenda-published")
    return seance.agenda_published_at


# Reading, for anyone


def page_url(collectivity):
    return f"{collectivity.absolute_url()}/{PAGE}"


def _rapporteurs(item):
    """The rapporteur's name as he is shown; nothing for a user gone (never his login)."""
    user = api.user.get(userid=item.rapporteur) if item.rapporteur else None
    name = names.full_name(user.getProperty("fullname")) if user is not None else ""
    return (name,) if name else ()


def _children(container, portal_type):
    """The container's ``portal_type`` children in folder order, from the catalog.

    Not objectValues(): a séance holds hundreds of convocations, and an
    anonymous page must not wake them all up.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path={"query": "/".join(container.getPhysicalPath()), "depth": 1},
        portal_type=portal_type,
        sort_on="getObjPositionInParent",
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def _public_files(container, download):
    return tuple(
        PublicDocument(child.Title(), child.file.filename or "", f"{download}/{IUUID(child)}")
        for child in _children(container, "File")
        if getattr(child, "public_document", False) and child.file
    )


def _item(item, download):
    documents = ()
    if item.main_file_public and item.main_file:
        report = PublicDocument(
            api.portal.translate(_("Report")),
            item.main_file.filename or "",
            f"{download}/{IUUID(item)}",
        )
        documents = (report,)
    return PublicItem(
        number=item.number or "",
        title=item.Title(),
        theme=item.theme or "",
        rapporteurs=_rapporteurs(item),
        documents=documents + _public_files(item, download),
    )


def public_seance(seance, collectivity):
    """What anyone may know of a published séance, and nothing more."""
    download = f"{collectivity.absolute_url()}/{DOWNLOAD}"
    assembly = aq_base(seance.aq_parent)
    return PublicSeance(
        uid=IUUID(seance),
        title=seance.Title(),
        assembly=getattr(assembly, "title", "") or "",
        start=seance.start,
        end=seance.end,
        location=seance.location or "",
        closed_session=bool(getattr(seance, "closed_session", False)),
        cancelled=_state(seance) == "cancelled",
        published_at=seance.agenda_published_at or seance.sent_at,
        sequence=getattr(seance, "ics_sequence", 0) or 0,
        url=f"{page_url(collectivity)}#seance-{IUUID(seance)}",
        items=tuple(
            _item(child, download)
            for child in _children(seance, "AgendaItem")
            if child.public is not False
        ),
        documents=_public_files(seance, download),
    )


def public_seances(collectivity, now=None):
    """The collectivity's published séances that started within RECENT or are to come."""
    now = now or datetime.now(UTC)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Seance",
        path="/".join(collectivity.getPhysicalPath()),
        review_state=SENT_STATES,
        seance_start={"query": DateTime(window_start(now)), "range": "min"},
    )
    seances = (brain._unrestrictedGetObject() for brain in brains)
    return [public_seance(seance, collectivity) for seance in seances if published(seance)]


def public_file(collectivity, uid):
    """(holder, file) for a public document of a published séance of ``collectivity``, else None."""
    if not isinstance(uid, str) or not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        UID=uid, path="/".join(collectivity.getPhysicalPath())
    )
    if len(brains) != 1:
        return None
    obj = brains[0]._unrestrictedGetObject()
    seance = ancestor(obj, ISeance)
    home = ancestor(seance, ICollectivity) if seance is not None else None
    if home is None or aq_base(home) is not aq_base(collectivity):
        return None
    if not published(seance):
        return None
    parent = obj.aq_parent
    if obj.portal_type == "AgendaItem":
        if obj.public is not False and obj.main_file_public and obj.main_file:
            return obj, obj.main_file
        return None
    if obj.portal_type != "File" or not getattr(obj, "public_document", False) or not obj.file:
        return None
    if aq_base(parent) is aq_base(seance):
        return obj, obj.file
    if getattr(parent, "portal_type", "") == "AgendaItem" and parent.public is not False:
        if aq_base(parent.aq_parent) is aq_base(seance):
            return obj, obj.file
    return None
