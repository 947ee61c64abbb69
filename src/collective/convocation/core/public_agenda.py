"""The public agenda of a collectivity: which séances it shows, and the same data as JSON, ICS and RSS.

Pure: the Plone side (operations/public_agenda.py) gathers only what is public
into these records; nothing here can reach a convocation, a recipient or a
private document, because none is ever given to it.
"""

from collective.convocation.core.mail.ics import PRODID
from collective.convocation.core.wording import weekday_and_time
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from email.utils import format_datetime
from icalendar import Calendar
from icalendar import Event
from xml.etree import ElementTree


# « les séances à venir et celles des trois derniers mois »
RECENT = timedelta(days=92)

PUBLIC_SESSION, CLOSED_SESSION, CANCELLED = "Séance publique", "Huis clos", "Annulée"


@dataclass(frozen=True)
class PublicDocument:
    title: str
    filename: str
    url: str  # its public download


@dataclass(frozen=True)
class PublicItem:
    number: str
    title: str
    theme: str
    rapporteurs: tuple[str, ...]
    documents: tuple[PublicDocument, ...]


@dataclass(frozen=True)
class PublicSeance:
    uid: str
    title: str
    assembly: str
    start: datetime
    end: datetime | None
    location: str
    closed_session: bool
    cancelled: bool
    published_at: datetime | None
    sequence: int
    url: str  # its place on the public page
    items: tuple[PublicItem, ...]
    documents: tuple[PublicDocument, ...]  # the séance's own Files marked public

    @property
    def when(self) -> str:
        return weekday_and_time(self.start)

    @property
    def session(self) -> str:
        return CLOSED_SESSION if self.closed_session else PUBLIC_SESSION

    @property
    def heading(self) -> str:
        """« Conseil municipal — Séance du 3 juin 2030 », « (Annulée) » once cancelled."""
        heading = f"{self.assembly} — {self.title}" if self.assembly else self.title
        return f"{heading} ({CANCELLED})" if self.cancelled else heading


def window_start(now: datetime) -> datetime:
    """The oldest start the agenda still shows."""
    return now - RECENT


def split(seances, now: datetime) -> tuple[list[PublicSeance], list[PublicSeance]]:
    """(upcoming, soonest first; recent, latest first): those older than RECENT are left out."""
    upcoming = sorted((s for s in seances if s.start >= now), key=lambda s: s.start)
    oldest = window_start(now)
    recent = sorted(
        (s for s in seances if oldest <= s.start < now), key=lambda s: s.start, reverse=True
    )
    return upcoming, recent


def item_line(item: PublicItem) -> str:
    """« 2. Budget primitif (rapporteur : Paul Martin) »."""
    line = f"{item.number}. {item.title}"
    if item.rapporteurs:
        word = "rapporteurs" if len(item.rapporteurs) > 1 else "rapporteur"
        line += f" ({word} : {', '.join(item.rapporteurs)})"
    return line


def summary_text(seance: PublicSeance) -> str:
    """The séance in a few lines of text: for a calendar's description and an RSS item."""
    lines = [f"{seance.when}, {seance.location}", seance.session]
    if seance.cancelled:
        lines.insert(0, "Séance annulée.")
    if seance.items:
        lines.append("Ordre du jour :")
        lines.extend(item_line(item) for item in seance.items)
    lines.append(seance.url)
    return "\n".join(lines)


def _document(document: PublicDocument) -> dict:
    return {"title": document.title, "filename": document.filename, "url": document.url}


def seance_json(seance: PublicSeance) -> dict:
    return {
        "id": seance.uid,
        "title": seance.title,
        "assembly": seance.assembly,
        "start": seance.start.isoformat(),
        "end": seance.end.isoformat() if seance.end else None,
        "when": seance.when,
        "location": seance.location,
        "public_session": not seance.closed_session,
        "session": seance.session,
        "cancelled": seance.cancelled,
        "status": CANCELLED if seance.cancelled else "",
        "published_at": seance.published_at.isoformat() if seance.published_at else None,
        "url": seance.url,
        "items": [
            {
                "number": item.number,
                "title": item.title,
                "theme": item.theme,
                "rapporteurs": list(item.rapporteurs),
                "documents": [_document(document) for document in item.documents],
            }
            for item in seance.items
        ],
        "documents": [_document(document) for document in seance.documents],
    }


def agenda_ics(name: str, seances, stamp: datetime) -> bytes:
    """One VEVENT per séance, cancelled ones STATUS:CANCELLED, each UID stable.

    The UID differs from the convocation mails' (public-…): a calendar holding
    both the official's invitation and this feed keeps them apart.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for seance in seances:
        event = Event()
        event.add("uid", f"public-{seance.uid}@collective.convocation")
        event.add("sequence", seance.sequence)
        event.add("dtstamp", stamp)
        event.add("dtstart", seance.start)
        event.add("dtend", seance.end or seance.start)
        event.add("summary", seance.heading)
        event.add("location", seance.location)
        event.add("url", seance.url)
        event.add("description", summary_text(seance))
        event.add("class", "PUBLIC")
        event.add("status", "CANCELLED" if seance.cancelled else "CONFIRMED")
        calendar.add_component(event)
    if seances:
        starts = [seance.start for seance in seances]
        # The zone's rules around the séances only (see mail/ics.py).
        calendar.add_missing_timezones(
            first_date=(min(starts) - timedelta(days=366)).date(),
            last_date=(max(starts) + timedelta(days=366)).date(),
        )
    return calendar.to_ical()


def agenda_rss(title: str, link: str, description: str, seances, now: datetime) -> bytes:
    """RSS 2.0: one item per séance, its guid stable, its date the publication's."""
    rss = ElementTree.Element("rss", version="2.0")
    channel = ElementTree.SubElement(rss, "channel")
    for tag, text in (
        ("title", title),
        ("link", link),
        ("description", description),
        ("language", "fr"),
        ("lastBuildDate", format_datetime(now)),
    ):
        ElementTree.SubElement(channel, tag).text = text
    for seance in seances:
        item = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(item, "title").text = f"{seance.heading}, {seance.when}"
        ElementTree.SubElement(item, "link").text = seance.url
        ElementTree.SubElement(item, "description").text = summary_text(seance)
        guid = ElementTree.SubElement(item, "guid", isPermaLink="false")
        guid.text = f"public-{seance.uid}"
        if seance.published_at:
            ElementTree.SubElement(item, "pubDate").text = format_datetime(seance.published_at)
    return ElementTree.tostring(rss, encoding="utf-8", xml_declaration=True)
