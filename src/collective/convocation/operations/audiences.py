"""Who a mail about a séance reaches and whom it skips, and why: what the pages say before and after.

The same checks as mails.mail(), read before anything is sent.
"""

from collective.convocation import _
from collective.convocation.content.seance import convocations
from collective.convocation.operations.people import full_name
from collective.convocation.operations.people import reachable
from collective.convocation.operations.people import sort_key_of
from dataclasses import dataclass


# Why a recipient gets no mail: the pages' and the REST answers' words.
SKIPPED = {
    "paper": _("reached on paper"),
    "unreachable": _("no usable email address"),
    "received": _("receipt already acknowledged"),
    "reminded": _("already reminded today"),
}


@dataclass(frozen=True)
class Addressee:
    convocation: object
    name: str
    skipped: str | None = None  # a key of SKIPPED, or None when the mail goes


def channel_skip(convocation):
    """ "paper" or "unreachable" when no mail can reach the recipient, else None."""
    if convocation.delivery in ("paper", "unreachable"):
        return convocation.delivery
    return None if reachable(convocation.recipient) else "unreachable"


def addressees(seance, skip=None):
    """Every recipient of the séance, each with why the mail skips them (``skip`` first), or None."""
    found = []
    for convocation in convocations(seance):
        reason = (skip and skip(convocation)) or channel_skip(convocation)
        found.append(Addressee(convocation, full_name(convocation.recipient), reason))
    return sorted(
        found,
        key=lambda addressee: (
            addressee.skipped is not None,
            sort_key_of(addressee.convocation.recipient),
        ),
    )


def renotify_addressees(seance, unacknowledged_only=False):
    """« Notifier à nouveau »: everyone, or those who have not acknowledged receipt."""

    def received(convocation):
        return "received" if unacknowledged_only and convocation.received_at else None

    return addressees(seance, received)


def reached(found):
    return [addressee for addressee in found if addressee.skipped is None]


def skipped(found):
    return [addressee for addressee in found if addressee.skipped is not None]
