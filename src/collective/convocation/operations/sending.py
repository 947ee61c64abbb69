"""Sending a séance (the notify transition): who is convoked, what stops it, what it does."""

from collective.convocation import _
from collective.convocation.behaviors.mail_templates import template_for
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.convocation import create_convocation
from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.seance import convocations
from collective.convocation.content.seance import ISeance
from collective.convocation.core import legal
from collective.convocation.core.forecast import EMAILED
from collective.convocation.operations import jobs
from collective.convocation.operations import journal
from collective.convocation.operations import rules
from collective.convocation.operations.audiences import reached
from collective.convocation.operations.audiences import renotify_addressees
from collective.convocation.operations.mails import compose
from collective.convocation.operations.mails import mail
from collective.convocation.operations.people import reachable
from collective.convocation.operations.reader_groups import open_to_readers
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from plone import api
from plone.dexterity.utils import createContent
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.i18nmessageid import Message


@dataclass(frozen=True)
class Recipient:
    userid: str
    category: str  # convocation | invitation
    mandate: str | None = None  # UID
    paper: bool = False


def titulars(seance):
    """The titulars with a mandate active on the séance's day, in the assembly's order, one by one."""
    assembly = ancestor(seance, IAssembly)
    day = legal.local_day(seance.start)
    for brain in api.content.find(
        context=assembly,
        portal_type="Mandate",
        depth=1,
        unrestricted=True,
        sort_on="getObjPositionInParent",
    ):
        mandate = brain._unrestrictedGetObject()
        if mandate.seat == "titular" and mandate.is_active(day):
            yield Recipient(
                mandate.official, "convocation", brain.UID, bool(mandate.paper_convocation)
            )


def recipients(seance):
    """Titulars with a mandate active on the séance's day, then the invitees."""
    assembly = ancestor(seance, IAssembly)
    officials = list(titulars(seance))
    convoked = {recipient.userid for recipient in officials}
    invitees = dict.fromkeys(
        userid
        for userid in list(assembly.default_invitees or []) + list(seance.extra_invitees or [])
        if userid not in convoked
    )
    return officials + [Recipient(userid, "invitation") for userid in invitees]


def reached_by(recipient):
    """How ``recipient`` gets the convocation: "paper", "unreachable" (no usable address) or "mail"."""
    if recipient.paper:
        return "paper"
    return "mail" if reachable(recipient.userid) else "unreachable"


def resendable(convocation, notified=None):
    """« Send again » is offered for a mail once tried (queued, sent, failed), while the séance is notified.

    ``notified``: the séance's state, when the caller already knows it.
    """
    if notified is None:
        notified = rules.is_notified(ancestor(convocation, ISeance))
    return notified and convocation.delivery in EMAILED


def notice_for(seance):
    assembly = ancestor(seance, IAssembly)
    collectivity = ancestor(assembly, ICollectivity)
    return legal.required_notice(
        collectivity.kind,
        collectivity.applies_large_rules,
        assembly.kind,
        assembly.notice_days,
        seance.urgent,
    )


NOTICE_MESSAGES = {
    legal.NOTICE_TOO_SHORT: _(
        "The séance is ${given} clear days away; the law asks for ${required}. "
        "Move the séance, or declare the urgency with its reason."
    ),
    legal.URGENCY_TOO_SHORT: _(
        "Even in an urgency, at least ${minimum} clear day must separate the sending from the séance."
    ),
    legal.URGENCY_WITHOUT_REASON: _(
        "Give the reason for the urgency: the council must rule on it."
    ),
}


def refusals(seance, now=None):
    """Why the séance cannot be sent now, as messages; empty when it can."""
    now = now or datetime.now(UTC)
    problems = []
    if seance.convocation_file is None:
        problems.append(_("Add the convocation (PDF) before sending."))
    notice = notice_for(seance)
    if notice.synthesis_required and seance.synthesis_file is None:
        problems.append(
            _(
                "The law asks for an explanatory note (note de synthèse) with this convocation: add it before sending."
            )
        )
    if seance.start <= now:
        problems.append(
            _("The séance has already started: its convocations can no longer be sent.")
        )
    elif (
        problem := legal.notice_problem(
            given := legal.clear_days_given(now, seance.start),
            notice,
            seance.urgent,
            seance.urgency_reason,
        )
    ) is not None:
        problems.append(
            Message(
                NOTICE_MESSAGES[problem],
                mapping={
                    "given": given,
                    "required": notice.days,
                    "minimum": notice.urgency_minimum,
                },
            )
        )
    # The first titular found is enough to know someone is convoked: the sending lists them all.
    assembly = ancestor(seance, IAssembly)
    if next(titulars(seance), None) is None and not (
        assembly.default_invitees or seance.extra_invitees
    ):
        problems.append(
            _("Nobody to convoke: the assembly has no official with a mandate on the séance's day.")
        )
    return problems


def refuse_notify(seance, event):
    """Before the notify transition: stop it, with the reasons in French."""
    if event.transition is None or event.transition.id != "notify":
        return
    problems = refusals(seance)
    if problems:
        raise WorkflowException(" ".join(api.portal.translate(problem) for problem in problems))


def send(seance, event):
    """After the notify transition: the sending recorded, and its work (convocations, roles, mails) as a job.

    The agent's request ends here; the worker convokes the recipients after it
    (``convoke``), batch by batch, and ``finish_sending`` closes the sending.
    """
    if event.transition is None or event.transition.id != "notify":
        return
    now = datetime.now(UTC)
    seance.sent_at = now
    seance.clear_days_given = legal.clear_days_given(now, seance.start)
    journal.record(
        seance,
        "notified",
        clear_days=seance.clear_days_given,
        documents=journal.documents_sent(seance),
    )
    open_to_readers(seance)
    jobs.start("notify", seance, None)  # its recipients listed by the worker: notify_targets


def notify_targets(seance, params):
    """Who the sending convokes, listed once it has begun: as plain values, for its job."""
    return [
        (recipient.userid, recipient.category, recipient.mandate, recipient.paper)
        for recipient in recipients(seance)
    ]


TOO_LATE = _("The séance has begun: this convocation is no longer sent.")


def convoke(seance, target, params):
    """The sending's step for one recipient: their convocation, their role, their mail queued."""
    recipient = Recipient(*target)
    if recipient_id(recipient.userid) in seance or not rules.is_notified(seance):
        return  # already convoked, never twice; or the séance was cancelled meanwhile
    if seance.start <= datetime.now(UTC):  # a sending resumed too late, after a long stop
        raise jobs.GiveUp(api.portal.translate(TOO_LATE))
    convocation = create_convocation(
        seance, recipient.userid, recipient.category, recipient.mandate
    )
    # The legal sending time of each recipient: when their mail is queued.
    convocation.sent_at = datetime.now(UTC)
    if (channel := reached_by(recipient)) != "mail":
        convocation.delivery = channel
    if not mail(convocation, recipient.category):
        convocation.reindexObject()


def finish_sending(seance, job):
    """Every recipient convoked: the roles given reach the catalog, and the notice is the last mail's."""
    seance.reindexObjectSecurity()
    last = max((c.sent_at for c in convocations(seance) if c.sent_at), default=seance.sent_at)
    seance.clear_days_given = min(
        seance.clear_days_given, legal.clear_days_given(last, seance.start)
    )
    journal.record(
        seance,
        "sending-done",
        convoked=job.done,
        total=job.total,
        failed=sorted(job.target_name(position) for position in job.given_up()),
    )


def resend(convocation):
    """The agent sends one recipient's convocation again (after a failure, say)."""
    rules.require_notified(ancestor(convocation, ISeance))
    if convocation.delivery == "unreachable" and reachable(convocation.recipient):
        convocation.delivery = None  # an email was added since
    return mail(convocation, convocation.category)


def renotify(seance, subject, text, unacknowledged_only=False):
    """« Notifier à nouveau »: the agent's message to the recipients, as a job; how many it mails."""
    rules.require_notified(seance)
    journal.record(
        seance,
        "renotified",
        subject=subject,
        audience="unacknowledged" if unacknowledged_only else "all",
    )
    found = renotify_addressees(seance, unacknowledged_only)
    # mail() skips paper and unreachable recipients itself, and marks an address gone since.
    targets = [a.convocation.recipient for a in found if a.skipped != "received"]
    jobs.start("renotify", seance, targets, subject=subject, text=text)
    return len(reached(found))


def renotify_one(seance, userid, params):
    if (convocation := seance.get(recipient_id(userid))) is not None:
        mail(convocation, "renotify", params["subject"], params["text"])


def announce_cancellation(seance, event):
    """After the cancel transition: every recipient is told, and calendars drop the séance."""
    if event.transition is None or event.transition.id != "cancel":
        return
    seance.ics_sequence += 1
    assembly = ancestor(seance, IAssembly)
    subject, text = template_for("cancel", assembly, ancestor(assembly, ICollectivity))
    reason = (event.kwargs or {}).get("comment", "").strip()
    # The reason follows the template, whatever the collectivity made of it.
    text += "\n\n" + api.portal.translate(
        Message(_("Reason for the cancellation: ${reason}"), mapping={"reason": reason})
    )
    targets = [convocation.recipient for convocation in convocations(seance)]
    jobs.start("cancel", seance, targets, subject=subject, text=text)


def announce_cancellation_to(seance, userid, params):
    if (convocation := seance.get(recipient_id(userid))) is not None:
        mail(convocation, "cancel", params["subject"], params["text"])


def preview(seance, kind, userid):
    """(subject, text) of the mail of ``kind`` as ``userid`` would read it, sent or not."""
    convocation = seance.get(recipient_id(userid))
    if convocation is None:
        recipient = next(
            (r for r in recipients(seance) if r.userid == userid), Recipient(userid, "convocation")
        )
        convocation = createContent(
            "Convocation",
            id=recipient_id(userid),
            recipient=userid,
            category=recipient.category,
            mandate=recipient.mandate,
        ).__of__(seance)  # never added
    message = compose(convocation, kind)
    return message["Subject"], message.get_body(("plain",)).get_content()
