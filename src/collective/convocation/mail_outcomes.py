"""What became of each convocation's mail, written where it is learned.

The mail queue's thread learns it when the server answers (delivery.py):
it writes the convocation's delivery and the journal entry in a transaction
of its own, so that no page or GET of an agent ever writes them.
"""

from collective.convocation import delivery
from collective.convocation import evidence
from datetime import datetime
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite

import logging
import transaction


logger = logging.getLogger(__name__)


def apply_outcome(convocation, status, reason="", at=None):
    """What the mail server answered for this convocation's mail: its delivery, and the journal."""
    if convocation.delivery != "queued":
        return  # already settled (or sent again since: that mail has its own outcome)
    if status == delivery.SENT:
        convocation.delivery = "sent"
        convocation.delivered_at = datetime.fromisoformat(at) if at else None
        convocation.delivery_error = ""
        evidence.record(convocation, "mail-sent", recipient=convocation.recipient, at=at or "")
    elif status == delivery.FAILED:
        convocation.delivery = "failed"
        convocation.delivery_error = reason
        evidence.record(convocation, "mail-failed", recipient=convocation.recipient, reason=reason)
    elif convocation.delivery_error != reason:
        convocation.delivery_error = reason  # still queued: tried again at the next turn
    else:
        return  # the same answer as the last try: nothing to write
    convocation.reindexObject()


def store_outcome(db, site_path, uid, status, reason, at):
    """Called by the mail queue's thread when the server answered: the outcome is written where it is learned.

    In a connection and a transaction of its own, as nobody (the journal
    names no agent), tried again when it conflicts with a request.
    """
    for _attempt in range(5):
        manager = transaction.TransactionManager()
        connection = db.open(transaction_manager=manager)
        try:
            site = makerequest(connection.root()["Application"]).unrestrictedTraverse(site_path)
            setSite(site)
            brains = site.portal_catalog.unrestrictedSearchResults(UID=uid)
            if brains:
                apply_outcome(brains[0]._unrestrictedGetObject(), status, reason, at)
            manager.commit()
            return
        except ConflictError:
            manager.abort()
        finally:
            setSite(None)
            connection.close()
    logger.error("The outcome %s of the mail of %s could not be stored", status, uid)
