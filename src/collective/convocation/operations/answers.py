"""An official's answers to a convocation: receipt and attendance, with the legal rules.

One layer for the pages and the REST API: each function refuses bad input
with an AnswerRefused carrying a French message, and writes nothing then.
"""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.convocation import create_convocation
from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.seance import convocations
from collective.convocation.content.seance import ISeance
from collective.convocation.core import legal
from collective.convocation.core.chain import fingerprint
from collective.convocation.core.dates import moment
from collective.convocation.core.mail.message import build_message
from collective.convocation.core.privacy_notice import with_footer
from collective.convocation.core.recipients import name_key_of
from collective.convocation.core.wording import attendance_word
from collective.convocation.core.wording import of
from collective.convocation.operations import journal
from collective.convocation.operations.mails import mail
from collective.convocation.operations.mails import notify_agents
from collective.convocation.operations.mails import queue
from collective.convocation.operations.mails import sender_of
from collective.convocation.operations.people import full_name
from collective.convocation.operations.people import person
from collective.convocation.permissions import AnswerConvocation
from collective.convocation.privacy.notices import footer_line
from datetime import datetime
from datetime import UTC
from persistent.list import PersistentList
from plone import api
from zope.i18nmessageid import Message


ATTENDANCES = ("present", "remote", "absent", "proxy", "deputy")
INVITEE_ATTENDANCES = ("present", "absent")
RECEIPT_CHANNELS = ("web", "api", "email")

PROXY_MESSAGES = {
    legal.PROXY_NOT_ALLOWED: _("Proxies are not allowed for this séance."),
    legal.PROXY_TO_SELF: _("You cannot give a proxy to yourself."),
    legal.PROXY_HOLDER_NOT_CONVOKED: _(
        "The proxy holder must be an official convoked to this séance."
    ),
    legal.PROXY_HOLDER_ABSENT: _(
        "${holder} will not attend the séance and cannot hold your proxy."
    ),
    legal.PROXY_HOLDER_FULL: _("${holder} already holds a proxy: an official holds one at most."),
    legal.PROXY_GIVER_HOLDS_ONE: _(
        "You hold a proxy for this séance: you must attend it to use it."
    ),
    legal.HOLDER_STAYS_AWAY: _(
        "You hold the proxy ${of_givers}: to stay away, ask them to choose another holder."
    ),
}


class AnswerRefused(ValueError):
    """A refused answer; ``message`` is in French."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def quoted(value, limit=40):
    """A value a user sent, as a refusal may repeat it: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _refuse(message, **mapping):
    raise AnswerRefused(
        api.portal.translate(Message(message, mapping=mapping) if mapping else message)
    )


def require_recipient(convocation, message):
    """Only the recipient acknowledges or answers their convocation, whatever the face (403)."""
    if api.user.get_current().getId() != convocation.recipient:
        raise AnswerRefused(api.portal.translate(message), status=403)


def acknowledge(convocation, via="web", now=None):
    """Record the receipt, once: acknowledging again changes nothing. Returns when it was received."""
    require_recipient(convocation, _("Only the recipient acknowledges receipt of a convocation."))
    if via not in RECEIPT_CHANNELS:
        _refuse(_("Unknown channel."))
    if convocation.received_at is None:
        convocation.received_at = now or datetime.now(UTC)
        convocation.received_via = via
        convocation.reindexObject()
        entry = journal.record(convocation, "receipt", recipient=convocation.recipient, via=via)
        confirm(convocation, entry)
    return convocation.received_at


def open_documents(seance, *userids):
    """The séance's documents open to these recipients, receipt or not (local role Reader).

    Those who acknowledged receipt read them through the séance's readers
    group (receipts.py).
    """
    changed = False
    for userid in userids:
        roles = set(seance.get_local_roles_for_userid(userid))
        if "Reader" not in roles:
            seance.manage_setLocalRoles(userid, sorted(roles | {"Reader"}))
            changed = True
    if changed:
        seance.reindexObjectSecurity()


def open_documents_when_archived(seance, event):
    """Archived: every recipient keeps reading the séance and its minutes, receipt or not."""
    if event.transition is not None and event.transition.id == "archive":
        open_documents(seance, *(convocation.recipient for convocation in convocations(seance)))


def is_open(convocation, now=None):
    """Answers can change until the séance starts, while it is notified."""
    seance = ancestor(convocation, ISeance)
    return api.content.get_state(seance) == "notified" and (now or datetime.now(UTC)) < seance.start


def may_acknowledge(convocation):
    """The receipt can be acknowledged: not once the séance is archived or cancelled (the workflow says)."""
    return api.user.has_permission(AnswerConvocation, obj=convocation)


def shows_documents(convocation):
    """The recipient's page lists the séance's documents once the receipt is recorded.

    Once the séance is closed (no receipt possible any more) it lists what is
    still open to them: an archived séance stays open to every recipient.
    """
    return convocation.received_at is not None or not may_acknowledge(convocation)


def deputy_mandate(convocation):
    """The active mandate of the titular's suppléant, or None."""
    if not convocation.mandate:
        return None
    seance = ancestor(convocation, ISeance)
    day = legal.local_day(seance.start)
    for brain in api.content.find(
        context=ancestor(seance, IAssembly), portal_type="Mandate", depth=1, unrestricted=True
    ):
        mandate = brain._unrestrictedGetObject()
        if (
            mandate.seat == "deputy"
            and mandate.deputy_of == convocation.mandate
            and mandate.is_active(day)
        ):
            return mandate
    return None


def _officials(seance):
    """The catalog records of the séance's convocations of officials (not the invitations)."""
    return api.content.find(
        context=seance,
        depth=1,
        portal_type="Convocation",
        convocation_category="convocation",
        unrestricted=True,
    )


def _state(seance, except_userid):
    """Who is convoked, their answers, and how many proxies each holds, leaving out ``except_userid``'s.

    From the catalog: the séance page of every official asks it, and waking
    hundreds of convocations there would be slow.
    """
    officials = _officials(seance)
    answers = {brain.convocation_recipient: brain.convocation_attendance for brain in officials}
    held = legal.proxies_held(
        (
            (
                brain.convocation_recipient,
                brain.convocation_attendance,
                brain.convocation_proxy_holder,
            )
            for brain in officials
        ),
        except_giver=except_userid,
    )
    return set(answers), answers, held


def _by_name(brains):
    """[(userid, full name)] of the records, in French order, from the records alone.

    Looking each colleague up instead would cost, for each, PAS's walk through his groups:
    one per séance whose receipt he gave.
    """
    named = []
    for brain in brains:
        tracked = brain.convocation_tracking or {}
        userid = brain.convocation_recipient
        named.append((name_key_of(tracked.get("sort_name")), userid, tracked.get("name") or userid))
    return [(userid, name) for _key, userid, name in sorted(named)]


def proxy_candidates(convocation):
    """The officials convoked to the séance who may still hold this official's proxy."""
    seance = ancestor(convocation, ISeance)
    assembly = ancestor(seance, IAssembly)
    convoked, answers, held = _state(seance, convocation.recipient)
    return [
        (userid, name)
        for userid, name in _by_name(_officials(seance))
        if legal.proxy_problem(
            convocation.recipient,
            userid,
            convoked,
            answers,
            held,
            assembly.max_proxies_per_holder or 1,
            True,
        )
        is None
    ]


def proxies_held(convocation):
    """The officials whose proxy this official holds for the séance: [(userid, full name)], by name."""
    return _by_name(
        brain
        for brain in _officials(ancestor(convocation, ISeance))
        if brain.convocation_attendance == "proxy"
        and brain.convocation_proxy_holder == convocation.recipient
    )


def offered_attendances(convocation):
    """The answers the official is offered, none that the rules would refuse whatever she chose.

    « Donne pouvoir » only with a colleague to hold it; a proxy holder is not
    offered to stay away (she is told whose proxy she holds instead).
    """
    allowed = allowed_attendances(convocation)
    if "proxy" in allowed and not proxy_candidates(convocation):
        allowed.remove("proxy")
    if convocation.category == "convocation":
        holds = len(proxies_held(convocation))
        allowed = [value for value in allowed if not legal.absence_problem(value, holds)]
    return allowed


def allowed_attendances(convocation):
    seance = ancestor(convocation, ISeance)
    if convocation.category == "invitation":
        return list(INVITEE_ATTENDANCES)
    allowed = ["present"]
    if seance.allow_remote:
        allowed.append("remote")
    allowed.append("absent")
    if seance.allow_proxy:
        allowed.append("proxy")
    if deputy_mandate(convocation) is not None:
        allowed.append("deputy")
    return allowed


def answer(convocation, attendance, proxy_holder=None, now=None):
    """Record the official's attendance; returns the convocation. Refuses what the rules forbid."""
    require_recipient(convocation, _("Only the recipient answers a convocation."))
    now = now or datetime.now(UTC)
    seance = ancestor(convocation, ISeance)
    assembly = ancestor(seance, IAssembly)
    if convocation.received_at is None:
        _refuse(_("Acknowledge receipt of the convocation first."))
    if not is_open(convocation, now):
        _refuse(_("The séance has started: the answers can no longer change."))
    if attendance not in ATTENDANCES:
        _refuse(_("Unknown answer « ${value} »."), value=quoted(attendance))
    if attendance not in allowed_attendances(convocation):
        _refuse(
            _("This answer is not offered for this séance: « ${value} »."), value=quoted(attendance)
        )
    convoked, answers, held = _state(seance, convocation.recipient)
    if attendance != "proxy":
        proxy_holder = None
    else:
        if not proxy_holder:
            _refuse(_("Choose the official who will hold your proxy."))
        problem = legal.proxy_problem(
            convocation.recipient,
            proxy_holder,
            convoked,
            answers,
            held,
            assembly.max_proxies_per_holder or 1,
            bool(seance.allow_proxy),
        )
        if problem:
            _refuse(PROXY_MESSAGES[problem], holder=full_name(proxy_holder))
    problem = legal.absence_problem(attendance, held.get(convocation.recipient, 0))
    if problem:
        givers = [
            full_name(c.recipient)
            for c in convocations(seance)
            if c.proxy_holder == convocation.recipient and c.attendance == "proxy"
        ]
        _refuse(PROXY_MESSAGES[problem], of_givers=of(", ".join(givers)))
    previous_holder = convocation.proxy_holder if convocation.attendance == "proxy" else None
    changed_proxy = (attendance, proxy_holder) != (
        convocation.attendance,
        convocation.proxy_holder,
    ) and (attendance == "proxy" or convocation.attendance == "proxy")
    _write_holders(seance, convocation.recipient, previous_holder, proxy_holder)
    convocation.attendance = attendance
    convocation.proxy_holder = proxy_holder
    convocation.answered_at = now
    convocation.history = PersistentList(convocation.history or ())
    convocation.history.append(
        {
            "at": now.isoformat(),
            "by": api.user.get_current().getId(),
            "attendance": attendance,
            "proxy_holder": proxy_holder or "",
        }
    )
    convocation.reindexObject()
    entry = journal.record(
        convocation,
        "answer",
        recipient=convocation.recipient,
        attendance=attendance,
        proxy_holder=proxy_holder or "",
    )
    confirm(convocation, entry)
    if attendance == "deputy":
        _convoke_deputy(convocation)
    if changed_proxy:
        _tell_agents(convocation)
    return convocation


def confirm(convocation, entry):
    """Mail the official what was recorded, with the fingerprint of its journal entry.

    The official then holds a copy of the proof outside the site: an entry
    that disappeared from the journal (an undone transaction, say) shows.
    Queued with the answer's transaction, not as a job: an answer refused or
    undone is never confirmed, and one mail composed in a few milliseconds
    needs no worker, whereas a job would make every answer write the site's
    one list of pending jobs (500 officials acknowledging at the same moment
    then conflicted three times more, and one receipt of 500 was lost).
    """
    names = person(convocation.recipient)
    if not names["email"]:
        return
    seance = ancestor(convocation, ISeance)
    collectivity = ancestor(seance, ICollectivity)
    mapping = {
        "name": names["fullname"],
        "seance": seance.Title(),
        "when": moment(datetime.fromisoformat(entry["at"])),
        "fingerprint": fingerprint(entry),
        "url": seance.absolute_url(),
    }
    if entry["kind"] == "receipt":
        subject = _("Receipt recorded — ${seance}", mapping=mapping)
        what = _(
            "Your receipt of the convocation to the séance « ${seance} » was recorded on ${when}.",
            mapping=mapping,
        )
    else:
        # What was answered then, not what the convocation holds when the job runs.
        answered = attendance_word(
            entry["data"]["attendance"], names["civilite"]
        )  # « Présente » for Mme
        if entry["data"]["proxy_holder"]:
            answered += f" ({full_name(entry['data']['proxy_holder'])})"
        subject = _("Answer recorded — ${seance}", mapping=mapping)
        what = _(
            "Your answer to the convocation to the séance « ${seance} » was recorded on ${when}: ${answer}.",
            mapping={**mapping, "answer": answered},
        )
    text = _(
        "${what}\n\nIts fingerprint in the séance's evidence journal (SHA-256):\n${fingerprint}\n\n"
        "Keep this message: it shows that this record was made, whatever becomes of the site.\n\n${url}",
        mapping={**mapping, "what": api.portal.translate(what)},
    )
    queue(
        build_message(
            sender=sender_of(collectivity),
            recipient=(names["fullname"], names["email"]),
            subject=api.portal.translate(subject),
            text=with_footer(api.portal.translate(text), footer_line(collectivity)),
            reply_to=collectivity.reply_to or "",
        )
    )


def _write_holders(seance, giver, previous_holder, holder):
    """Write the convocation of each proxy holder concerned: the point of conflict of the rules between officials.

    The rules read the other officials' answers; each answer writes its own
    convocation only. Two officials giving their proxy to the same colleague
    at the same moment, or one giving it while the colleague answers absent,
    would then both pass. Writing the holder's convocation too makes their
    transactions conflict: the ZODB commits one, the other request is
    retried, reads the first answer and is refused. It holds across processes,
    where a lock would not.
    """
    for userid in {previous_holder, holder} - {None}:
        held_for = seance.get(recipient_id(userid))
        if held_for is not None:
            held_for.proxy_givers = legal.givers_after(held_for.proxy_givers, giver, userid, holder)


def _convoke_deputy(convocation):
    """The titular is replaced: their suppléant is convoked and notified (§4)."""
    seance = ancestor(convocation, ISeance)
    mandate = deputy_mandate(convocation)
    if recipient_id(mandate.official) in seance.objectIds():
        return
    with api.env.adopt_roles(["Manager"]):
        deputy = create_convocation(seance, mandate.official, "convocation", mandate.UID())
        deputy.sent_at = datetime.now(UTC)
        mail(deputy, "convocation")


def _tell_agents(convocation):
    """The agents are told when a proxy is given, changed or withdrawn."""
    seance = ancestor(convocation, ISeance)
    mapping = {
        "giver": full_name(convocation.recipient),
        "holder": full_name(convocation.proxy_holder) if convocation.proxy_holder else "",
        "seance": seance.Title(),
    }
    if convocation.attendance == "proxy":
        text = _(
            "${giver} gives a proxy to ${holder} for the séance « ${seance} ».", mapping=mapping
        )
    else:
        text = _("${giver} no longer gives a proxy for the séance « ${seance} ».", mapping=mapping)
    subject = _("Proxy: ${giver} — ${seance}", mapping=mapping)
    notify_agents(
        seance,
        api.portal.translate(subject),
        f"{api.portal.translate(text)}\n\n{seance.absolute_url()}",
    )
