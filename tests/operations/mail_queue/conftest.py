"""A real SMTP server on loopback (aiosmtpd), and a council whose MailHost queue delivers to it."""

from aiosmtpd.controller import Controller
from collective.convocation.operations.mail_queue import stop_processor
from collective.convocation.setuphandlers.demo import pdf_file
from datetime import date
from datetime import datetime
from datetime import timedelta
from email import message_from_bytes
from email import policy
from plone import api
from plone.dexterity.utils import createContentInContainer
from world import add_town
from world import browser_as
from world import PASSWORD
from zoneinfo import ZoneInfo

import pytest
import time
import transaction


PARIS = ZoneInfo("Europe/Paris")
OFFICIALS = [
    ("helene@ville", "Hélène Marchand", "Maire"),
    ("joel@ville", "Joël Lefèvre", "Premier adjoint"),
    ("zoe@ville", "Zoé Mercier", "Conseillère municipale"),
]


class Inbox:
    """An aiosmtpd handler keeping what it accepts."""

    def __init__(self, refused=()):
        self.envelopes = []
        self.greetings = 0  # EHLOs: one per SMTP connection (no STARTTLS here)
        self.refused = set(refused)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname  # what aiosmtpd does when no handler says EHLO
        self.greetings += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [
            message_from_bytes(e.original_content, policy=policy.default) for e in self.envelopes
        ]

    def wait_for(self, count, seconds=30):
        deadline = time.monotonic() + seconds
        while len(self.envelopes) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return len(self.envelopes)


@pytest.fixture
def smtp_port(free_port):
    return free_port()


@pytest.fixture
def inbox(smtp_port):
    """The SMTP server, started; ``inbox.controller.stop()`` takes it down."""
    handler = Inbox(refused={"zoe@example.org"})
    handler.controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    yield handler
    try:
        handler.controller.stop()
    except AssertionError:  # already stopped
        pass


@pytest.fixture
def site(smtp, smtp_port, tmp_path):
    """A council of three officials and its agent; MailHost queues into tmp_path and sends to smtp_port."""
    portal = smtp["portal"]
    mailhost = portal.MailHost
    # Plone's mail settings, as the mail control panel writes them
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_port)
    mailhost.smtp_queue = True
    mailhost.smtp_queue_directory = str(tmp_path / "queue")
    with api.env.adopt_roles(["Manager"]):
        council = add_town(portal)
        town = council.aq_parent
        for userid, fullname, function in OFFICIALS:
            api.user.create(
                email=f"{userid.split('@')[0]}@example.org",
                username=userid,
                password=PASSWORD,
                properties={"fullname": fullname},
            )
            createContentInContainer(
                council, "Mandate", official=userid, function=function, start=date(2020, 3, 15)
            )
        api.user.create(
            email="agent@example.org",
            username="agent@ville",
            password=PASSWORD,
            properties={"fullname": "Agathe Agent"},
        )
        api.user.grant_roles(username="agent@ville", obj=town, roles=["ConvocationAgent"])
        start = datetime.now(PARIS).replace(
            hour=18, minute=30, second=0, microsecond=0
        ) + timedelta(days=10)
        seance = createContentInContainer(
            council,
            "Seance",
            id="seance",
            title="Conseil municipal de décembre",
            start=start,
            location="Salle du conseil",
            convocation_file=pdf_file("convocation.pdf", "Convocation"),
        )
    transaction.commit()
    yield {
        "portal": portal,
        "app": smtp["app"],
        "seance_url": seance.absolute_url(),
        "start": start,
    }
    stop_processor(tmp_path / "queue")


@pytest.fixture
def admin(site):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="admin@example.org",
            username="admin@ville",
            password=PASSWORD,
            properties={"fullname": "Adam Admin"},
        )
        api.user.grant_roles(
            username="admin@ville", obj=site["portal"]["ville"], roles=["ConvocationAdmin"]
        )
    transaction.commit()
    return browser_as(site["app"], "admin@ville", PASSWORD)
