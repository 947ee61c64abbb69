"""Guards of the proof: a sent séance and its convocations stay where they are, a copy starts clean, undo spares the journal."""

from App.Undo import decode64
from collective.convocation import _
from collective.convocation.operations.journal import ANNOTATION_KEY
from collective.convocation.operations.journal import JOURNALED
from collective.convocation.operations.journal import removal_refused
from collective.convocation.operations.journal import SENT_SEANCE_KEPT
from collective.convocation.operations.journal import SENT_SEANCE_STAYS
from collective.convocation.operations.reader_groups import GROUP_PREFIX
from plone import api
from plone.base.interfaces.siteroot import IPloneSiteRoot
from zExceptions import BadRequest
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate

import base64


def _removing_site(event):
    return IPloneSiteRoot.providedBy(event.object)


def keep_sent_seances(seance, event):
    """A séance once sent carries the proof of its convocations: it is cancelled or archived, never deleted.

    Nor moved or renamed: the mails already sent lead to its address.
    Removing the whole site is let through.
    """
    if seance.sent_at is None or event.oldParent is None or _removing_site(event):
        return
    refusal = SENT_SEANCE_KEPT if event.newParent is None else SENT_SEANCE_STAYS
    raise BadRequest(api.portal.translate(refusal))


def keep_sent_convocations(convocation, event):
    """A convocation of a sent séance is part of its proof: never deleted, moved or renamed, even by a Manager."""
    # Removed with its séance (or above): the séance's own guard speaks.
    if event.object is convocation and event.oldParent is not None:
        refusal = removal_refused(convocation)
        if refusal is not None:
            raise BadRequest(api.portal.translate(refusal))


# What the sending gave a séance; a copy is a new draft that holds none of it.
SENDING_ATTRIBUTES = ("sent_at", "clear_days_given", "ics_sequence")


RECIPIENT_ROLES = {"Official", "Invitee", "Reader"}


def seance_copied(seance, event):
    """A copy is a new draft séance: no convocations, no delivery, no journal, no recipients' roles.

    Called on the copy before it is added anywhere: the convocations it
    carried are dropped without events, so no catalog ever sees them.
    """
    recipients = set()
    for child_id, child in list(seance.objectItems()):
        if child.portal_type == "Convocation":
            recipients.add(child.recipient)
            seance._delObject(child_id, suppress_events=True)
    for attribute in SENDING_ATTRIBUTES:
        if attribute in seance.__dict__:
            delattr(seance, attribute)
    IAnnotations(seance).pop(ANNOTATION_KEY, None)
    for principal, roles in seance.get_local_roles():
        if principal in recipients or principal.startswith(GROUP_PREFIX):
            kept = set(roles) - RECIPIENT_ROLES
            if kept:
                seance.manage_setLocalRoles(principal, sorted(kept))
            else:
                seance.manage_delLocalRoles([principal])


UNDO_REFUSED = _(
    "This transaction wrote to the evidence journal of a séance: it cannot be undone. "
    "Record what changed with a new action instead."
)


# What Zope and CMF publish to undo transactions: the Undo tab of the ZMI's database, and a CMF portal_undo.
UNDO_METHODS = ("manage_undo_transactions", "undo")


def refuse_undo(event):
    """Undo refuses a transaction that wrote a journal entry, wherever Zope offers it over the web.

    Plone 6 offers no undo of its own. An undo done directly on the database
    (a script, say) cannot be stopped here: the journal's seals show it (seal.py).
    """
    request = event.request
    published = request.get("PUBLISHED")
    if getattr(published, "__name__", None) not in UNDO_METHODS:
        return
    holder = getattr(published, "__self__", None)
    jar = getattr(holder, "_p_jar", None)
    if jar is None:
        return
    info = request.form.get("transaction_info") or ()
    for item in [info] if isinstance(info, str) else info:
        words = str(item).split()
        # The ZMI gives the undo id (the tid in base64) in base64 again
        if words and _journaled(jar.db(), base64.decodebytes(decode64(words[0]))):
            raise Forbidden(translate(UNDO_REFUSED, target_language="fr"))


def _journaled(db, tid):
    try:
        for record in db.storage.iterator(tid, tid):
            return JOURNALED in (record.extension or {})
    except Exception:  # a storage that cannot tell: refuse rather than lose the proof
        return True
    return False
