"""The calendar invitation attached to convocations (RFC 5545/5546), free of Plone."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from icalendar import Event
from icalendar import vCalAddress
from icalendar import vText


PRODID = "-//collective.convocation//Convocation électronique des élus//FR"


def seance_ics(
    uid: str,
    sequence: int,
    start: datetime,
    end: datetime | None,
    summary: str,
    location: str,
    url: str,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    cancelled: bool = False,
    stamp: datetime | None = None,
) -> bytes:
    """One VEVENT for one recipient: METHOD:REQUEST, or METHOD:CANCEL once cancelled.

    ``uid`` stays the same for a séance and ``sequence`` rises with each change,
    so calendars update the event rather than add another. Times keep their
    zone (Europe/Paris) with its VTIMEZONE.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("dtstart", start)
    event.add("dtend", end or start)
    event.add("summary", summary)
    event.add("location", location)
    event.add("url", url)
    event.add("description", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer_name, organizer_email = organizer
    organizer_address = vCalAddress(f"mailto:{organizer_email}")
    organizer_address.params["cn"] = vText(organizer_name)
    event.add("organizer", organizer_address)
    attendee_name, attendee_email = attendee
    attendee_address = vCalAddress(f"mailto:{attendee_email}")
    attendee_address.params["cn"] = vText(attendee_name)
    attendee_address.params["role"] = vText("REQ-PARTICIPANT")
    attendee_address.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee_address)
    calendar.add_component(event)
    # The zone's rules around the séance only: the default range (1970-2038)
    # is slow to compute (0.2 s with pytz) and long to read.
    calendar.add_missing_timezones(
        first_date=(start - timedelta(days=366)).date(),
        last_date=(start + timedelta(days=366)).date(),
    )
    return calendar.to_ical()
