"""Composing and queueing the mails of a séance: the Plone side of mail/."""

from collective.convocation.behaviors.mail_templates import template_for
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.seance import ISeance
from collective.convocation.core.convocation_link import link as my_convocations_link
from collective.convocation.core.dates import french_date
from collective.convocation.core.dates import time_of_day
from collective.convocation.core.legal import PARIS
from collective.convocation.core.mail.ics import seance_ics
from collective.convocation.core.mail.message import build_message
from collective.convocation.core.mail.tags import render
from collective.convocation.core.privacy_notice import with_footer
from collective.convocation.operations import journal
from collective.convocation.operations.mail_queue import apply_outcome
from collective.convocation.operations.mail_queue import CONVOKING
from collective.convocation.operations.mail_queue import outcome_recorder
from collective.convocation.operations.mail_queue import queue_message
from collective.convocation.operations.mail_queue import SENT
from collective.convocation.operations.people import agents_of
from collective.convocation.operations.people import full_name
from collective.convocation.operations.people import function_of
from collective.convocation.operations.people import person
from collective.convocation.operations.people import reachable
from collective.convocation.privacy.notices import footer_line
from collective.convocation.vocabularies import attendances
from datetime import datetime
from datetime import UTC
from email.utils import format_datetime
from email.utils import make_msgid
from plone import api
from urllib.parse import urlparse


def portal_host():
    """The portal's host name: the domain of the Message-IDs and of the calendar UIDs."""
    return urlparse(api.portal.get().absolute_url()).hostname or "localhost"


def tag_values(convocation):
    seance = ancestor(convocation, ISeance)
    start = seance.start.astimezone(PARIS)
    holder = full_name(convocation.proxy_holder) if convocation.proxy_holder else ""
    attendance = api.portal.translate(attendances(seance).getTerm(convocation.attendance).title)
    return {
        **person(convocation.recipient),
        "titre": function_of(convocation),
        "username": convocation.recipient,
        "typeseance": ancestor(seance, IAssembly).title,
        "dateseance": french_date(start.date()),
        "heureseance": time_of_day(start),
        "lieuseance": seance.location or "",
        "urlseance": seance.absolute_url(),
        "urlmesconvocations": my_convocations_link(
            api.portal.get().absolute_url(), convocation.UID()
        ),
        "urlpresence": convocation.absolute_url(),
        "presence": attendance,
        "mandataire": holder,
        "collectivite": ancestor(seance, ICollectivity).title,
    }


def sender_of(collectivity):
    name = collectivity.sender_name or api.portal.get_registry_record("plone.email_from_name")
    address = collectivity.sender_email or api.portal.get_registry_record(
        "plone.email_from_address"
    )
    return name or collectivity.title, address


# Mails that carry the séance to the calendar, and the document convoking to it.
WITH_CALENDAR = ("convocation", "invitation", "cancel")
WITH_DOCUMENT = ("convocation", "invitation")


def compose(convocation, kind, subject=None, text=None):
    """The mail of ``kind`` for ``convocation``'s recipient, tags replaced.

    ``subject`` and ``text`` replace the template's (a message of the agent's).
    """
    seance = ancestor(convocation, ISeance)
    assembly = ancestor(seance, IAssembly)
    collectivity = ancestor(assembly, ICollectivity)
    values = tag_values(convocation)
    template_subject, template_body = template_for(kind, assembly, collectivity)
    sender = sender_of(collectivity)
    recipient = (values["fullname"], values["email"])
    cancelled = kind == "cancel"
    calendar = None
    if kind in WITH_CALENDAR:
        calendar = seance_ics(
            uid=f"{seance.UID()}@{portal_host()}",
            sequence=seance.ics_sequence,
            start=seance.start,
            end=seance.end,
            summary=f"{assembly.title} — {collectivity.title}",
            location=seance.location or "",
            url=seance.absolute_url(),
            organizer=sender,
            attendee=recipient,
            cancelled=cancelled,
        )
    attachments = ()
    if kind in WITH_DOCUMENT:
        attachments = tuple(_attachments(seance, collectivity, convocation.category))
    return build_message(
        sender=sender,
        recipient=recipient,
        subject=render(subject or template_subject, values),
        # Every mail to an official links to the collectivity's personal data notice.
        text=with_footer(render(text or template_body, values), footer_line(collectivity)),
        reply_to=collectivity.reply_to or "",
        calendar=calendar,
        calendar_method="CANCEL" if cancelled else "REQUEST",
        attachments=attachments,
        domain=portal_host(),
    )


def _attachments(seance, collectivity, category):
    document = seance.invitation_file if category == "invitation" else seance.convocation_file
    limit = (collectivity.attachment_limit or 0) * 1024 * 1024
    if collectivity.attach_convocation and document is not None and document.getSize() <= limit:
        yield document.filename or "convocation.pdf", "application", "pdf", document.data


def queue(message, convocation=None, kind="convocation"):
    """Hand a mail over when the transaction commits, never if it aborts; True when queued.

    Into the MailHost's queue, whose thread stores the outcome of a
    ``convocation``'s mail (delivery.py, sending.store_outcome); a MailHost
    without a queue sends it at commit, and nothing comes back.
    """
    # Every mail carries a Date and a Message-ID, whoever built it: spam filters ask for both.
    if message["Date"] is None:
        message["Date"] = format_datetime(datetime.now(UTC))
    if message["Message-ID"] is None:
        message["Message-ID"] = make_msgid(domain=portal_host())
    mailhost = api.portal.get_tool("MailHost")
    if not mailhost.smtp_queue:
        mailhost.send(message, immediate=False)
        return False
    queue_message(
        mailhost,
        message,
        convocation.UID() if convocation is not None else None,
        outcome_recorder(api.portal.get()),
        kind,
    )
    return True


def notify_agents(seance, subject, text):
    """A plain message to the séance's agents (a proxy given, say)."""
    collectivity = ancestor(seance, ICollectivity)
    for userid in agents_of(seance):
        names = person(userid)
        if names["email"]:
            queue(
                build_message(
                    sender=sender_of(collectivity),
                    recipient=(names["fullname"], names["email"]),
                    subject=subject,
                    text=text,
                    reply_to=collectivity.reply_to or "",
                    domain=portal_host(),
                )
            )


def mail(convocation, kind, subject=None, text=None):
    """Queue a mail of ``kind`` to the convocation's recipient, unless they are reached on paper or not at all."""
    if convocation.delivery in ("paper", "unreachable"):
        return False
    if not reachable(convocation.recipient):  # address removed or made unusable since the sending
        convocation.delivery = "unreachable"
        convocation.reindexObject()
        return False
    queued = queue(compose(convocation, kind, subject, text), convocation, kind)
    journal.record(convocation, "mail-queued", recipient=convocation.recipient, mail=kind)
    if kind in CONVOKING:  # a later mail's outcome never overwrites the convocation's delivery
        convocation.delivery = "queued"
        convocation.delivery_error = ""
    if not queued:  # a MailHost without a queue sends at commit: no outcome will come back
        apply_outcome(convocation, SENT, at=datetime.now(UTC).isoformat(), kind=kind)
    convocation.reindexObject()
    return True
