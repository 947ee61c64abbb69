"""The agent's tracking of a séance: the Plone side of forecast.py, read from the catalog."""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.seance import ISeance
from collective.convocation.core import forecast
from collective.convocation.core import legal
from collective.convocation.core import recipients
from collective.convocation.core.delivery import french_error
from collective.convocation.operations import jobs
from collective.convocation.operations import journal
from collective.convocation.operations import people
from collective.convocation.operations import sending
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.answers import quoted
from collective.convocation.operations.rules import roll_call_refusal
from collective.convocation.operations.sending import notice_for
from collective.convocation.vocabularies import actual_attendances
from datetime import datetime
from datetime import UTC
from plone import api
from zope.i18nmessageid import Message


def _brains(seance):
    return api.content.find(context=seance, depth=1, portal_type="Convocation", unrestricted=True)


def lines(seance):
    """One forecast.Line per recipient, officials then invitees, each by last name."""
    found = []
    for brain in _brains(seance):
        tracked = brain.convocation_tracking or {}
        found.append(
            (
                brain.convocation_category != "convocation",
                recipients.name_key_of(tracked.get("sort_name") or brain.Title or ""),
                forecast.Line(
                    userid=brain.convocation_recipient,
                    name=tracked.get("name") or brain.Title,
                    category=brain.convocation_category,
                    seat=tracked.get("seat", "titular"),
                    group=tracked.get("group", ""),
                    sent_at=tracked.get("sent_at"),
                    delivery=tracked.get("delivery"),
                    received_at=tracked.get("received_at"),
                    attendance=brain.convocation_attendance or "unanswered",
                    proxy_holder=brain.convocation_proxy_holder,
                    actual=tracked.get("actual"),
                    delivery_error=french_error(tracked.get("delivery_error")),
                    # Catalog entries older than these keys have none: .get() reads them as None.
                    posted_at=tracked.get("posted_at"),
                    arrived_at=tracked.get("arrived_at"),
                    left_at=tracked.get("left_at"),
                    sort_name=tracked.get("sort_name", ""),
                ),
            )
        )
    return [line for _, _, line in sorted(found, key=lambda item: item[:2])]


def notice_status(seance, now=None):
    """The clear days given at sending against those the law asks (None before sending).

    Before sending: the last day a sending still gives them (``send_by``), and whether it is past.
    """
    required = legal.required_days(notice_for(seance), bool(seance.urgent))
    given = seance.clear_days_given
    unsent = seance.sent_at is None
    return {
        "sent_at": seance.sent_at,
        "given": given,
        "required": required,
        "urgent": bool(seance.urgent),
        "respected": None if given is None else given >= required,
        "send_by": legal.last_sending_day(seance.start, required) if unsent else None,
        "overdue": legal.sending_overdue(now or datetime.now(UTC), seance.start, required)
        if unsent
        else None,
    }


def would_be_convoked(seance):
    """Before sending, no convocation exists: the officials the sending would convoke, as lines."""
    return [
        forecast.Line(userid=recipient.userid, name=recipient.userid, category=recipient.category)
        for recipient in sending.recipients(seance)
    ]


def tracking(seance):
    """Everything the tracking shows: counts, notice, quorum and one line per recipient.

    It only reads: the mails' outcomes are written by the mail queue's thread (mail_outcomes.py).
    """
    found = lines(seance)
    assembly = ancestor(seance, IAssembly)
    # A draft's quorum counts the members its sending would convoke, not its (no) convocations;
    # a séance being sent, those convoked and those still to be.
    members = found if seance.sent_at is not None else would_be_convoked(seance)
    sending_job = jobs.latest(seance)
    if sending_job is not None and sending_job.kind == "notify" and sending_job.targets is None:
        members = would_be_convoked(seance)  # the worker has not listed them yet
    elif sending_job is not None and sending_job.kind == "notify" and sending_job.running:
        convoked = {line.userid for line in found}
        members = found + [
            forecast.Line(userid=target[0], name=target[0], category=target[1])
            for target in sending_job.targets
            if target[0] not in convoked
        ]
    return {
        "sending": progress(sending_job),
        "counts": forecast.counts(found),
        "notice": notice_status(seance),
        "quorum": forecast.quorum_forecast(
            members, bool(assembly.remote_counts_for_quorum), assembly.quorum or "majority"
        ),
        "lines": found,
    }


def progress(job):
    """Where a sending stands, as plain values, the targets that failed named: None without one."""
    if job is None:
        return None
    found = job.progress()
    for error in found["errors"]:
        error["name"] = people.full_name(error["target"])
    return found


# A roll call's time left as it is (as opposed to None: cleared).
UNCHANGED = object()


def check_actual(context, actual):
    """Refuse an actual attendance the roll call does not offer ("" clears, it passes)."""
    if actual and actual not in actual_attendances(context).by_value:
        raise AnswerRefused(
            api.portal.translate(
                Message(_("Unknown attendance « ${value} »."), mapping={"value": quoted(actual)})
            )
        )


def record_actual(convocation, actual, arrived_at=UNCHANGED, left_at=UNCHANGED):
    """The roll call (« Appel »): the agent marks the recipient's actual attendance; "" clears it.

    ``arrived_at`` / ``left_at``: aware datetimes (None clears), kept when not given.
    Open from the séance's day while it is notified (rules.roll_call_refusal).
    """
    refusal = roll_call_refusal(ancestor(convocation, ISeance))
    if refusal is not None:
        raise AnswerRefused(refusal)
    check_actual(convocation, actual)
    convocation.actual = actual or None
    entry = {"recipient": convocation.recipient, "actual": actual or ""}
    for name, value in (("arrived_at", arrived_at), ("left_at", left_at)):
        if value is not UNCHANGED:
            setattr(convocation, name, value)
            entry[name] = value.isoformat() if value else ""
    convocation.reindexObject(idxs=["convocation_tracking"])
    journal.record(convocation, "roll-call", **entry)
    return convocation


def convocation_of(seance, userid):
    """The convocation of ``userid`` to ``seance``; refused when they are not a recipient."""
    convocation = seance.get(recipient_id(userid)) if userid else None
    if convocation is None or convocation.portal_type != "Convocation":
        raise AnswerRefused(
            api.portal.translate(
                Message(
                    _("« ${userid} » is not a recipient of this séance."),
                    mapping={"userid": quoted(userid)},
                )
            )
        )
    return convocation
