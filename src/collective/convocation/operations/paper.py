"""Paper convocations (CGCT L2121-10): who gets one, their letters and labels, and « posté le ».

The sending marks their convocations ``delivery == "paper"``; the agent prints
the letters (each followed by the séance's documents) and the labels, posts
them, and records the day. That day is the convocation's ``posted_at``:
midnight in Paris of the day given, as an aware UTC datetime. The agent states
a day, not an hour, and midnight in Paris keeps it on that day wherever it is
shown in Paris's time.
"""

from collective.convocation import _
from collective.convocation.behaviors.mail_templates import template_for
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.seance import convocations
from collective.convocation.core import postal
from collective.convocation.core.dates import french_date
from collective.convocation.core.exports.labels import labels_pdf
from collective.convocation.core.exports.letters import Letter
from collective.convocation.core.exports.letters import letters_pdf
from collective.convocation.core.legal import local_day
from collective.convocation.core.legal import PARIS
from collective.convocation.core.mail.tags import render
from collective.convocation.core.postal import address_lines
from collective.convocation.core.postal import Addressee
from collective.convocation.core.postal import town
from collective.convocation.operations import journal
from collective.convocation.operations import rules
from collective.convocation.operations.documents import dossier_path
from collective.convocation.operations.mails import sender_of
from collective.convocation.operations.mails import tag_values
from collective.convocation.operations.people import person
from collective.convocation.operations.rules import ActionRefused
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import UTC
from plone import api
from zope.i18nmessageid import Message


ADDRESS_PROPERTY = "postal_address"

NOT_SENT = _("This séance has not been sent yet: its paper convocations are posted once it is.")
CLOSED = _(
    "The posting is recorded while the séance is notified (sent, neither archived nor cancelled)."
)
NOBODY = _("Tick at least one recipient.")
IN_THE_FUTURE = _(
    "The day of posting cannot be in the future: give today's date or an earlier one."
)
BEFORE_SENDING = _(
    "The séance was sent on ${day}: the convocations cannot have been posted before. "
    "Give that day or a later one."
)
UNKNOWN = _("« ${userid} » is not a recipient of this séance.")
NOT_PAPER = _("${name} does not receive the convocation on paper.")
BAD_DAY = _("Give the day of posting as YYYY-MM-DD.")
NO_ACCOUNT = _("${name} has no account any more: their address cannot be saved.")
ADDRESS_REFUSALS = {
    postal.EMPTY: _("Type the postal address: one line at least."),
    postal.TOO_MANY_LINES: _(
        "The postal address takes five lines at most (La Poste reads six, the name included)."
    ),
    postal.LINE_TOO_LONG: _("Each line of the postal address takes 60 characters at most."),
}


@dataclass(frozen=True)
class PaperRecipient:
    convocation: object
    addressee: Addressee

    @property
    def userid(self):
        return self.convocation.recipient

    @property
    def posted_at(self):
        return getattr(self.convocation, "posted_at", None)


def addressee(userid) -> Addressee:
    """The recipient's name line and postal address, from their account."""
    names = person(userid)
    user = api.user.get(userid=userid)
    typed = (user.getProperty(ADDRESS_PROPERTY, "") if user is not None else "") or ""
    return Addressee(names["civilite"], names["prenom"], names["nom"], address_lines(typed))


def paper_recipients(seance) -> list[PaperRecipient]:
    """The séance's recipients reached on paper, the French way (last name, first name)."""
    found = [
        PaperRecipient(convocation, addressee(convocation.recipient))
        for convocation in convocations(seance)
        if convocation.delivery == "paper"
    ]
    return sorted(found, key=lambda recipient: recipient.addressee.sort_key())


def paper_recipient(seance, userid) -> PaperRecipient:
    """The paper recipient ``userid`` of ``seance``; ActionRefused for anyone else."""
    if not isinstance(userid, str):
        raise _refused(UNKNOWN, userid=str(userid)[:100])
    found = [c for c in convocations(seance) if c.recipient == userid]
    if not found:
        raise _refused(UNKNOWN, userid=userid[:100])
    if found[0].delivery != "paper":
        raise _refused(NOT_PAPER, name=person(userid)["fullname"])
    return PaperRecipient(found[0], addressee(userid))


def save_address(seance, userid, text) -> str:
    """Store the postal address typed for a paper recipient of ``seance``; their name line.

    Only a paper recipient of this séance: the page that offers it is the
    séance's, not a way to edit any member. Every check comes first: a
    refusal (ActionRefused) writes nothing.
    """
    recipient = paper_recipient(seance, userid)
    user = api.user.get(userid=userid)
    if user is None:
        raise _refused(NO_ACCOUNT, name=recipient.addressee.name_line)
    try:
        stored = postal.typed_address(text)
    except postal.AddressProblem as problem:
        raise _refused(ADDRESS_REFUSALS[problem.code]) from None
    user.setMemberProperties(mapping={ADDRESS_PROPERTY: stored})
    return recipient.addressee.name_line


def _agenda(seance):
    return tuple(
        (item.number or "", item.Title())
        for item in seance.objectValues()
        if item.portal_type == "AgendaItem"
    )


def letter_of(recipient: PaperRecipient) -> Letter:
    """The convocation mail's wording on paper: the template of the recipient's kind, tags replaced."""
    convocation = recipient.convocation
    seance = convocation.__parent__
    assembly = ancestor(seance, IAssembly)
    collectivity = ancestor(assembly, ICollectivity)
    _subject, body = template_for(convocation.category, assembly, collectivity)
    values = tag_values(convocation)
    # On paper, an address to type: « Mes convocations » itself, not the mail's link with its key.
    values["urlmesconvocations"] = f"{api.portal.get().absolute_url()}/@@mes-convocations"
    text = render(body, values).rstrip()
    # The default templates end with the collectivity's name: the signature says it.
    if text.endswith("\n" + collectivity.title):
        text = text[: -len(collectivity.title)].rstrip()
    sender_lines = address_lines(getattr(collectivity, "postal_address", None))
    kind = "Convocation" if convocation.category == "convocation" else "Invitation"
    return Letter(
        sender=sender_of(collectivity)[0],
        sender_lines=sender_lines,
        addressee=recipient.addressee,
        place=town(sender_lines),
        day=local_day(seance.sent_at or datetime.now(UTC)),
        subject=f"{kind} – {assembly.title} du {french_date(local_day(seance.start))}",
        text=text,
        agenda=_agenda(seance),
    )


def letters_file(seance):
    """(bytes, content type, filename): each addressed letter followed by the séance's dossier."""
    recipients = [r for r in paper_recipients(seance) if r.addressee.has_address]
    documents = dossier_path(seance).read_bytes() if recipients else None
    data = letters_pdf(
        [letter_of(recipient) for recipient in recipients],
        documents,
        title=f"Convocations papier — {seance.Title()}",
    )
    return data, "application/pdf", f"lettres-{seance.getId()}.pdf"


def labels_file(seance):
    """(bytes, content type, filename): a label per paper recipient with an address."""
    data = labels_pdf(
        [recipient.addressee for recipient in paper_recipients(seance)],
        title=f"Étiquettes — {seance.Title()}",
    )
    return data, "application/pdf", f"etiquettes-{seance.getId()}.pdf"


def _refused(message, **mapping):
    return ActionRefused(api.portal.translate(Message(message, mapping=mapping)))


def parse_day(value) -> date:
    """The day of posting typed or sent as « AAAA-MM-JJ »; ActionRefused otherwise."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _refused(BAD_DAY)


def posting_refusal(seance, day: date, today: date | None = None):
    """Why ``day`` cannot be recorded as the day of posting (a message), or None."""
    if seance.sent_at is None:
        return NOT_SENT
    if not rules.is_notified(seance):
        return CLOSED
    if day > (today or datetime.now(PARIS).date()):
        return IN_THE_FUTURE
    sent = local_day(seance.sent_at)
    if day < sent:
        return Message(BEFORE_SENDING, mapping={"day": french_date(sent)})
    return None


def record_posted(seance, userids, day: date, today: date | None = None) -> list:
    """Record that the paper convocations of ``userids`` were posted on ``day``; their convocations.

    Every check comes first: a refusal (ActionRefused) writes nothing.
    """
    refusal = posting_refusal(seance, day, today)
    if refusal is not None:
        raise ActionRefused(api.portal.translate(refusal))
    userids = list(dict.fromkeys(userids or ()))
    if not userids:
        raise _refused(NOBODY)
    by_userid = {convocation.recipient: convocation for convocation in convocations(seance)}
    chosen = []
    for userid in userids:
        convocation = by_userid.get(userid)
        if convocation is None:
            raise _refused(UNKNOWN, userid=str(userid)[:100])
        if convocation.delivery != "paper":
            raise _refused(NOT_PAPER, name=person(userid)["fullname"])
        chosen.append(convocation)
    posted_at = datetime.combine(day, time(0), PARIS).astimezone(UTC)
    for convocation in chosen:
        convocation.posted_at = posted_at
        convocation.reindexObject()
        journal.record(
            convocation, "posted", recipient=convocation.recipient, posted_on=day.isoformat()
        )
    return chosen
