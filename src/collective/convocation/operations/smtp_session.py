"""One SMTP connection for the consecutive mails of a pass of the queue, where zope.sendmail opens one per mail.

zope.sendmail's SMTPMailer connects, greets, starts TLS and logs in for each
mail, then quits: for 500 convocations, 500 handshakes. The session opens the
connection as it does (its ``vote``, then the same TLS and login steps) and
keeps it for the next mails, up to MAILS_PER_CONNECTION, until the queue's pass
ends. After any failure it is closed: the next mail starts afresh.
"""

from ssl import SSLError

import smtplib


# Exchange refuses a 21st mail on a connection by default: stay within what servers accept.
MAILS_PER_CONNECTION = 20


class SMTPSession:
    def __init__(self, mailer):
        self.mailer = mailer  # zope.sendmail's SMTPMailer, as the MailHost makes it
        self.connection = None
        self.sent = 0

    def _open(self):
        mailer = self.mailer
        mailer.vote(None, None, None)  # connects and greets (EHLO, else HELO)
        connection, mailer.connection = mailer.connection, None
        try:
            # As SMTPMailer.send, once per connection rather than once per mail.
            if not mailer.implicit_tls:
                have_tls = connection.has_extn("starttls")
                if not have_tls and mailer.force_tls:
                    raise RuntimeError("TLS is not available but TLS is required")
                if have_tls and not mailer.no_tls:
                    connection.starttls()
                    connection.ehlo()
            if connection.does_esmtp:
                if mailer.username is not None and mailer.password is not None:
                    connection.login(mailer.username, mailer.password)
            elif mailer.username:
                raise RuntimeError("Mailhost does not support ESMTP but a username is configured")
        except BaseException:
            _quit(connection)
            raise
        self.connection, self.sent = connection, 0

    def send(self, fromaddr, toaddrs, message):
        if self.connection is not None and self.sent >= MAILS_PER_CONNECTION:
            self.close()
        reused = self.connection is not None
        if not reused:
            self._open()
        try:
            self._sendmail(fromaddr, toaddrs, message)
        except smtplib.SMTPServerDisconnected:
            if not reused:
                raise
            # The server closed the connection kept since the last mail: once more, on a new one.
            self._open()
            self._sendmail(fromaddr, toaddrs, message)
        self.sent += 1

    def _sendmail(self, fromaddr, toaddrs, message):
        try:
            self.connection.sendmail(fromaddr, toaddrs, message)
        except BaseException:
            self.close()
            raise

    def close(self):
        """Quit, at the end of a pass of the queue or after a failure."""
        connection, self.connection = self.connection, None
        if connection is not None:
            _quit(connection)


def _quit(connection):
    try:
        connection.quit()
    except (SSLError, smtplib.SMTPException, OSError):
        connection.close()
