"""One SMTP connection for the consecutive mails of a pass of the queue, counted by a loopback server."""

from collective.convocation.operations.smtp_session import MAILS_PER_CONNECTION
from collective.convocation.operations.smtp_session import SMTPSession

import pytest
import smtplib
import socket


def mail(number):
    return f"Subject: Convocation {number}\r\n\r\nVous êtes convoqué(e).\r\n".encode()


@pytest.fixture
def session(site, inbox):
    """A session with the mailer the site's MailHost makes (Plone's reads the mail settings)."""
    inbox.controller.start()
    session = SMTPSession(site["portal"].MailHost._makeMailer())
    yield session
    session.close()


def test_the_mails_of_a_pass_share_a_connection_up_to_the_limit(session, inbox):
    for number in range(MAILS_PER_CONNECTION + 5):
        session.send("mairie@example.org", [f"elu{number}@example.org"], mail(number))
    assert inbox.wait_for(MAILS_PER_CONNECTION + 5) == MAILS_PER_CONNECTION + 5
    assert inbox.greetings == 2
    assert [envelope.rcpt_tos for envelope in inbox.envelopes] == [
        [f"elu{number}@example.org"] for number in range(MAILS_PER_CONNECTION + 5)
    ]


def test_a_refused_address_leaves_the_next_mail_its_way(session, inbox):
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        session.send("mairie@example.org", ["zoe@example.org"], mail(1))
    session.send("mairie@example.org", ["helene@example.org"], mail(2))
    assert inbox.wait_for(1) == 1
    assert inbox.envelopes[0].rcpt_tos == ["helene@example.org"]


def test_a_connection_the_server_closed_meanwhile_is_opened_again_and_the_mail_sent_once(
    session, inbox
):
    session.send("mairie@example.org", ["helene@example.org"], mail(1))
    session.connection.sock.shutdown(socket.SHUT_RDWR)  # as after a server's idle timeout
    session.send("mairie@example.org", ["joel@example.org"], mail(2))
    assert inbox.wait_for(2) == 2
    assert [envelope.rcpt_tos for envelope in inbox.envelopes] == [
        ["helene@example.org"],
        ["joel@example.org"],
    ]
    assert inbox.greetings == 2


def test_an_unreachable_server_says_so(session, inbox):
    inbox.controller.stop()
    with pytest.raises(ConnectionRefusedError):
        session.send("mairie@example.org", ["helene@example.org"], mail(1))
    assert session.connection is None
