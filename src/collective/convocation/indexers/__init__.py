"""Catalog indexers: every list of convocations is answered from the catalog."""

from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.convocation import IConvocation
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.people import person
from collective.convocation.operations.reader_groups import queue_kept
from plone import api
from plone.indexer import indexer


@indexer(IConvocation)
def convocation_recipient(convocation):
    return convocation.recipient


@indexer(IConvocation)
def convocation_category(convocation):
    return convocation.category


@indexer(IConvocation)
def convocation_received(convocation):
    return convocation.received_at is not None


@indexer(IConvocation)
def convocation_attendance(convocation):
    return convocation.attendance


def _seance_start(obj):
    seance = ancestor(obj, ISeance)
    return seance.start if seance is not None else None


def _title_of(interface):
    def title(obj):
        parent = ancestor(obj, interface)
        return parent.Title() if parent is not None else None

    return title


seance_start_of_seance = indexer(ISeance)(_seance_start)
seance_start_of_convocation = indexer(IConvocation)(_seance_start)
assembly_title_of_seance = indexer(ISeance)(_title_of(IAssembly))
assembly_title_of_convocation = indexer(IConvocation)(_title_of(IAssembly))
collectivity_title_of_seance = indexer(ISeance)(_title_of(ICollectivity))
collectivity_title_of_convocation = indexer(IConvocation)(_title_of(ICollectivity))


def _seance_of_convocation(attribute):
    def value(convocation):
        seance = ancestor(convocation, ISeance)
        return attribute(seance) if seance is not None else None

    return indexer(IConvocation)(value)


seance_title = _seance_of_convocation(lambda seance: seance.Title())
seance_location = _seance_of_convocation(lambda seance: seance.location)
seance_uid = _seance_of_convocation(api.content.get_uuid)
seance_state = _seance_of_convocation(lambda seance: api.content.get_state(seance, default=None))


@indexer(IConvocation)
def convocation_proxy_holder(convocation):
    return convocation.proxy_holder


def _indexed(uid):
    """The object of ``uid``, found without flushing the indexing queue (see queue_kept).

    A mandate is indexed long before the convocations that name it.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog._unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


@indexer(IConvocation)
def convocation_tracking(convocation):
    """What the agent's tracking table shows of a recipient, so that it wakes no convocation."""
    # No catalog search from here may flush the indexing queue being processed: the user's
    # groups come from the catalog (reader_groups.queue_kept), and so does the mandate.
    with queue_kept():
        names = person(convocation.recipient)
    mandate = _indexed(convocation.mandate) if convocation.mandate else None
    return {
        "name": names["fullname"],
        "sort_name": f"{names['nom']} {names['prenom']}".lower(),
        "seat": mandate.seat if mandate is not None else "titular",
        "group": (mandate.group or "") if mandate is not None else "",
        "sent_at": convocation.sent_at,
        "delivery": convocation.delivery,
        "delivery_error": convocation.delivery_error or "",
        "received_at": convocation.received_at,
        "actual": convocation.actual,
        # Set by the paper sending and the roll call; older convocations have none.
        "posted_at": getattr(convocation, "posted_at", None),
        "arrived_at": getattr(convocation, "arrived_at", None),
        "left_at": getattr(convocation, "left_at", None),
    }


@indexer(ICollectivity)
def agents_need_two_factor(collectivity):
    """Its administrator requires two-factor login of its agents: every request of a logged-in user
    asks the catalog for these collectivities rather than waking every collectivity."""
    return bool(getattr(collectivity, "require_agent_two_factor", False))
