"""The official's personal calendar feed: its secret link, kept hashed in the site, and its séances.

The link's token is its only credential. The site keeps SHA-256(token) → userid
and userid → (hash, created): the clear token is shown once, when it is made,
and never stored, so a reader of the database cannot subscribe in anyone's place.
"""

from BTrees.OOBTree import OOBTree
from collective.convocation import _
from collective.convocation.core.calendar_feed import feed_ics
from collective.convocation.core.calendar_feed import feed_url
from collective.convocation.core.calendar_feed import FeedEvent
from collective.convocation.core.calendar_feed import fingerprint
from collective.convocation.core.calendar_feed import new_token
from collective.convocation.core.calendar_feed import token_hash
from collective.convocation.core.calendar_feed import webcal
from collective.convocation.operations.mails import portal_host
from datetime import datetime
from datetime import UTC
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.container.interfaces import IContainerModifiedEvent


ANNOTATION_KEY = "collective.convocation.calendar_feed"
# On a séance: what its calendar event showed when last seen (see raise_sequence).
SHOWN_KEY = "collective.convocation.calendar_feed.shown"


def _store(create=False):
    annotations = IAnnotations(api.portal.get())
    store = annotations.get(ANNOTATION_KEY)
    if store is None and create:
        store = annotations[ANNOTATION_KEY] = PersistentMapping(
            {"by_hash": OOBTree(), "by_user": OOBTree()}
        )
    return store


def links(token):
    """{"url", "webcal"} of the feed of ``token``."""
    url = feed_url(api.portal.get().absolute_url(), token)
    return {"url": url, "webcal": webcal(url)}


def link_of(userid):
    """The user's link as stored — never its token: {"created": datetime} or None."""
    store = _store()
    entry = store["by_user"].get(userid) if store is not None else None
    return {"created": entry["created"]} if entry is not None else None


def create(userid):
    """A new secret link for ``userid``, replacing his former one; its token, to show once."""
    store = _store(create=True)
    revoke(userid)
    token = new_token()
    hashed = token_hash(token)
    store["by_hash"][hashed] = userid
    store["by_user"][userid] = PersistentMapping({"hash": hashed, "created": datetime.now(UTC)})
    return token


def revoke(userid):
    """The user's link gives nothing any more; True if he had one."""
    store = _store()
    entry = store["by_user"].pop(userid, None) if store is not None else None
    if entry is None:
        return False
    store["by_hash"].pop(entry["hash"], None)
    return True


def owner_of(token):
    """The userid whose link carries ``token``, or None.

    Looked up by its hash: nothing compares the secret itself character by character.
    """
    store = _store()
    if store is None or not token:
        return None
    userid = store["by_hash"].get(token_hash(token))
    if userid is None or api.user.get(userid=userid) is None:
        return None
    return userid


def events_of(userid):
    """One event per séance the user is convoked to, across his collectivities.

    His convocations come from the catalog (as « Mes convocations »); each
    séance is woken for what the catalog does not carry: its end and its SEQUENCE.
    The feed is read without login: the search and the séances are unrestricted.
    """
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Convocation", convocation_recipient=userid, sort_on="seance_start"
    )
    host = portal_host()
    cancelled_word = api.portal.translate(_("Cancelled"))
    events = []
    portal = api.portal.get()
    for brain in brains:
        # The séance is the convocation's folder: reached by its path, the convocation stays asleep.
        seance = portal.unrestrictedTraverse(brain.getPath().rsplit("/", 1)[0])
        cancelled = brain.seance_state == "cancelled"
        summary = f"{brain.assembly_title} — {brain.collectivity_title}"
        if cancelled:
            # Some calendars show no STATUS: the title says it.
            summary = f"{cancelled_word} : {summary}"
        events.append(
            FeedEvent(
                uid=f"{seance.UID()}@{host}",  # the mails' UID: the same séance
                sequence=seance.ics_sequence or 0,
                start=seance.start,
                end=seance.end,
                summary=summary,
                location=seance.location or "",
                url=brain.getURL(),
                cancelled=cancelled,
            )
        )
    return events


def feed_of(userid):
    """The user's whole feed, as bytes of iCalendar."""
    return feed_ics(events_of(userid), api.portal.translate(_("My séances")))


def raise_sequence(seance, event):
    """A séance's date, end or place changed: its SEQUENCE rises, so calendars update the event.

    The same counter as the mails' ICS (``ics_sequence``, raised by the
    cancellation too), so a mail's event and the feed's agree. Only once sent:
    before, no calendar holds the séance. What was shown is kept on the séance
    to compare; a séance of before this feed rises once, needlessly but
    harmlessly (a higher SEQUENCE only makes calendars take the event again).
    """
    if IContainerModifiedEvent.providedBy(event):
        return  # a convocation or a document added: not the séance's own fields
    shown = fingerprint(seance.start, seance.end, seance.location)
    annotations = IAnnotations(seance)
    if annotations.get(SHOWN_KEY) == shown:
        return
    annotations[SHOWN_KEY] = shown
    if seance.sent_at is not None:
        seance.ics_sequence = (seance.ics_sequence or 0) + 1


def remember_shown(seance, event):
    """A new séance: what its event shows, for raise_sequence to compare."""
    IAnnotations(seance)[SHOWN_KEY] = fingerprint(seance.start, seance.end, seance.location)
