"""`make bench`: the DESIGN targets that run without a site, as ratios against a baseline of the same run.

- the émargement PDF of 500 recipients (target: under 1 s), against a bare reportlab page of the same text;
- the ICS of one convocation, against icalendar's default time zone range;
- 500 mails through the convocation queue (maildir, processor, SMTP on loopback), against a bare smtplib
  loop sending the same 500 messages (target: at most 1.5×).
"""

from aiosmtpd.controller import Controller
from datetime import datetime
from datetime import timedelta
from email.policy import SMTP
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import smtplib
import socket
import sys
import tempfile
import time


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from collective.convocation.exports.emargement import emargement_pdf  # noqa: E402
from collective.convocation.exports.emargement import Row  # noqa: E402
from collective.convocation.exports.emargement import Sitting  # noqa: E402
from collective.convocation.mail.ics import seance_ics  # noqa: E402
from collective.convocation.mail.message import build_message  # noqa: E402


PARIS = ZoneInfo("Europe/Paris")
START = datetime(2027, 3, 29, 18, 30, tzinfo=PARIS)
RECIPIENTS = 500


def timed(function, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def report(name, measured, baseline, target=None):
    line = f"{name}: {measured * 1000:.1f} ms, {measured / baseline:.2f}× the baseline ({baseline * 1000:.1f} ms)"
    if target:
        line += f" — {target}"
    print(line)


def bench_emargement():
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape
    from reportlab.pdfgen import canvas

    rows = [
        Row(
            f"Nom{n:03d}",
            f"Prénom{n}",
            "Conseiller municipal",
            "Majorité",
            START - timedelta(days=8),
            START - timedelta(days=7),
            "Présent",
            "",
            "Présent",
        )
        for n in range(RECIPIENTS)
    ]
    sitting = Sitting(
        "Commune de Saint-Démo", "Conseil municipal", "Conseil municipal", START, "Salle du conseil"
    )

    def baseline():
        page = canvas.Canvas(BytesIO(), pagesize=landscape(A4))
        for number, row in enumerate(rows):
            if number % 30 == 0:
                page.showPage()
            page.drawString(
                40,
                550 - 17 * (number % 30),
                f"{row.last_name} {row.first_name} {row.function} {row.group}",
            )
        page.save()

    measured = timed(lambda: emargement_pdf(sitting, rows))
    report(
        "émargement PDF, 500 recipients",
        measured,
        timed(baseline),
        "target < 1000 ms: " + ("met" if measured < 1 else "MISSED"),
    )


def bench_ics():
    from icalendar import use_pytz

    import pytz

    use_pytz()  # as in Zope, where plone.app.event sets it
    start = pytz.timezone("Europe/Paris").localize(START.replace(tzinfo=None))
    args = (
        "uid@x",
        0,
        start,
        None,
        "Conseil",
        "Mairie",
        "http://x",
        ("Mairie", "m@x.example"),
        ("Élu", "e@x.example"),
    )

    def default_range():
        from icalendar import Calendar
        from icalendar import Event

        calendar = Calendar()
        event = Event()
        event.add("dtstart", start)
        calendar.add_component(event)
        calendar.add_missing_timezones()
        calendar.to_ical()

    report("ICS of one convocation", timed(lambda: seance_ics(*args), 20), timed(default_range, 5))


class Inbox:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_queue():
    from collective.convocation import delivery
    from zope.sendmail.mailer import SMTPMailer

    import transaction

    messages = [
        build_message(
            ("Mairie", "mairie@x.example"),
            (f"Élu {n}", f"elu{n}@x.example"),
            "Convocation",
            "Bonjour,\n\nVous êtes convoqué(e).",
        )
        for n in range(RECIPIENTS)
    ]
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        started = time.perf_counter()
        for message in messages:
            with smtplib.SMTP("127.0.0.1", port) as client:
                client.sendmail(
                    "mairie@x.example",
                    [message["To"].addresses[0].addr_spec],
                    message.as_bytes(policy=SMTP),
                )
        baseline = time.perf_counter() - started

        class MailHost:  # what delivery.py asks of Products.MailHost's
            smtp_queue_directory = tempfile.mkdtemp()

            def _makeMailer(self):
                return SMTPMailer(hostname="127.0.0.1", port=port)

        inbox.count = 0
        started = time.perf_counter()
        for number, message in enumerate(messages):
            delivery.queue_message(MailHost(), message, f"uid-{number}")
        transaction.commit()  # the queue is written when the sending commits
        queued = time.perf_counter() - started
        while inbox.count < RECIPIENTS and time.perf_counter() - started < 120:
            time.sleep(0.05)
        measured = time.perf_counter() - started
        delivery.stop_processor(Path(MailHost.smtp_queue_directory))
    finally:
        controller.stop()
    target = "target ≤ 1.5×: " + ("met" if measured <= 1.5 * baseline else "MISSED")
    report(
        f"{RECIPIENTS} mails through the queue, {inbox.count} received", measured, baseline, target
    )
    print(f"  of which writing the 500 messages to the queue: {queued * 1000:.1f} ms")


if __name__ == "__main__":
    bench_emargement()
    bench_ics()
    bench_queue()
