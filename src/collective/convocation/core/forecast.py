"""What the agent's tracking shows, free of Plone: counts and quorum from plain lines.

One ``Line`` per recipient; the Plone side (tracking.py) reads them from the catalog.
"""

from collective.convocation.core import legal
from dataclasses import dataclass
from datetime import datetime


# The actual attendance that puts an official in the room for a vote.
IN_THE_ROOM = frozenset({"present", "late"})
EMAILED = frozenset({"queued", "sent", "failed"})


@dataclass(frozen=True)
class Line:
    userid: str
    name: str
    category: str  # convocation | invitation
    seat: str = "titular"  # titular | deputy (a suppléant convoked in the titular's place)
    group: str = ""
    sent_at: datetime | None = None
    delivery: str | None = None
    received_at: datetime | None = None
    attendance: str = "unanswered"
    proxy_holder: str | None = None
    actual: str | None = None
    delivery_error: str = ""  # in French (delivery.french_error), the raw answer is in the journal
    posted_at: datetime | None = None  # a paper recipient's letter, posted on
    arrived_at: datetime | None = None  # the roll call's times, when the agent noted them
    left_at: datetime | None = None
    sort_name: str = ""  # « nom prénom », to order people the French way (recipients.py)


def counts(lines):
    """The figures above the tracking table."""

    def number(condition):
        return sum(1 for line in lines if condition(line))

    return {
        "recipients": len(lines),
        "sent": number(lambda line: line.delivery in EMAILED),
        "delivered": number(lambda line: line.delivery == "sent"),
        "received": number(lambda line: line.received_at is not None),
        "answered": number(lambda line: line.attendance != "unanswered"),
        "present": number(lambda line: line.attendance == "present"),
        "remote": number(lambda line: line.attendance == "remote"),
        "absent": number(lambda line: line.attendance == "absent"),
        "proxies": number(lambda line: line.attendance == "proxy"),
        "replaced": number(lambda line: line.attendance == "deputy"),
        "unreachable": number(lambda line: line.delivery == "unreachable"),
        "paper": number(lambda line: line.delivery == "paper"),
    }


def quorum_forecast(lines, remote_counts, rule="majority"):
    """The quorum as the officials' answers announce it, with and without remote attendance (§4).

    Members in office are the titular seats; a suppléant who replaces a
    titular attends in their seat. Invitees never count.
    """
    officials = [line for line in lines if line.category == "convocation"]
    members = sum(1 for line in officials if line.seat == "titular")
    present = sum(1 for line in officials if line.attendance == "present")
    remote = sum(1 for line in officials if line.attendance == "remote")
    live = sum(1 for line in officials if line.actual in IN_THE_ROOM)
    required = legal.quorum(members, rule)

    def reached(in_person, from_afar=0, afar_counts=False):
        return legal.quorum_reached(in_person, from_afar, members, afar_counts, rule)

    return {
        "rule": rule,
        "members_in_office": members,
        "required": required,
        "present": present,
        "remote": remote,
        "remote_counts": remote_counts,
        "reached_without_remote": reached(present),
        "reached_with_remote": reached(present, remote, True),
        "reached": reached(present, remote, remote_counts),
        "proxies": sum(1 for line in officials if line.attendance == "proxy"),
        "in_the_room": live,
        "reached_in_the_room": reached(live),
    }
