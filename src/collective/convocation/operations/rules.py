"""Rules at the point of action: legal.py's predicates for a séance, each refusal one French message.

The workflow guard (so the action menu and ``GET @workflow`` offer nothing that
would be refused), the add-on's forms and views and its REST services all ask
here: every path refuses the same thing with the same words.
"""

from collective.convocation import _
from collective.convocation.core import legal
from collective.convocation.core.dates import french_date
from collective.convocation.core.dates import moment
from collective.convocation.operations import jobs
from datetime import datetime
from datetime import UTC
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.i18nmessageid import Message


NOT_NOTIFIED = "not-notified"
ROLL_CALL_CLOSED = "roll-call-closed"

MESSAGES = {
    legal.ARCHIVE_BEFORE_START: _(
        "The séance has not started yet: it can be archived once it has begun, from ${start}."
    ),
    legal.CANCEL_WITHOUT_REASON: _(
        "Give the reason for the cancellation: it is sent to every recipient and kept in the journal."
    ),
    legal.CANCEL_AFTER_START: _(
        "The séance began on ${start}: it can no longer be cancelled. File it with its minutes, "
        "which record whether it was held or lacked its quorum."
    ),
    legal.CANCEL_REASON_TOO_LONG: _(
        "The reason for the cancellation holds in ${max} characters at most: it is sent to every "
        "recipient."
    ),
    legal.ROLL_CALL_NOT_OPEN: _("The roll call opens on the day of the séance, ${day}."),
    ROLL_CALL_CLOSED: _(
        "The roll call is open only while the séance is notified (sent, neither archived nor cancelled)."
    ),
    NOT_NOTIFIED: _(
        "This séance is not in the notified state (not sent yet, archived or cancelled): "
        "nothing more is mailed about it."
    ),
}


class ActionRefused(ValueError):
    """An action a rule refuses; ``message`` is in French (REST: a 400 with it)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _message(problem, seance):
    return api.portal.translate(
        Message(
            MESSAGES[problem],
            mapping={
                "start": moment(seance.start),
                "day": french_date(legal.local_day(seance.start)),
                "max": legal.CANCEL_REASON_MAX,
            },
        )
    )


def transition_refusal(seance, transition, comment="", now=None):
    """Why ``seance`` cannot take ``transition`` now, in French, or None."""
    problem = legal.transition_problem(transition, seance.start, now or datetime.now(UTC), comment)
    return None if problem is None else _message(problem, seance)


def may_archive(seance):
    """The archive transition's guard: hidden from the menus until the séance has started."""
    return legal.transition_problem("archive", seance.start, datetime.now(UTC)) is None


def may_cancel(seance):
    """The cancel transition's guard: hidden from the menus once the séance has begun."""
    return not legal.has_started(seance.start, datetime.now(UTC))


def is_notified(seance):
    return api.content.get_state(seance, default=None) == "notified"


def roll_call_refusal(seance, now=None):
    """Why the roll call of ``seance`` is not open, or None.

    Open from the séance's local day (Europe/Paris) while the séance is notified:
    archiving or cancelling closes it (the workflow then withdraws « Record attendance »).
    """
    if not is_notified(seance):
        return _message(ROLL_CALL_CLOSED, seance)
    if not legal.roll_call_open(seance.start, now or datetime.now(UTC)):
        return _message(legal.ROLL_CALL_NOT_OPEN, seance)
    return None


STILL_SENDING = _(
    "The convocations are still being sent (${done} / ${total}): "
    "wait until the sending is over, so that everyone convoked is reached."
)


def require_notified(seance):
    """Notify again, resend, remind: only about a notified séance, once its convocations are all sent."""
    if not is_notified(seance):
        raise ActionRefused(_message(NOT_NOTIFIED, seance))
    sending = jobs.latest(seance, ("notify",))
    if sending is not None and sending.running:
        raise ActionRefused(
            api.portal.translate(
                Message(
                    STILL_SENDING,
                    mapping={"done": sending.done, "total": sending.total or "…"},
                )
            )
        )


def refuse_transition(seance, event):
    """Before any transition of a séance: the last gate, whatever path called it.

    The guard already hides an early archive; this refuses a cancellation without
    a reason (a guard cannot read the comment) with the French message.
    """
    if event.transition is None:
        return
    refusal = transition_refusal(seance, event.transition.id, (event.kwargs or {}).get("comment"))
    if refusal is not None:
        raise WorkflowException(refusal)
