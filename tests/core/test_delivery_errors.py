"""Delivery errors said in French to an agent, from the exception or from the text stored of it."""

from collective.convocation.core.delivery import french_error

import pytest
import smtplib
import socket


@pytest.mark.parametrize(
    ("error", "said"),
    [
        ("[Errno 111] Connection refused", "Le serveur de messagerie est injoignable."),
        (
            ConnectionRefusedError(111, "Connection refused"),
            "Le serveur de messagerie est injoignable.",
        ),
        (
            socket.gaierror(-2, "Name or service not known"),
            "Le serveur de messagerie est injoignable.",
        ),
        (TimeoutError("timed out"), "Le serveur de messagerie est injoignable."),
        (
            smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
            "Le serveur de messagerie est injoignable.",
        ),
        ("550 5.1.1 Mailbox unavailable", "Adresse refusée par le serveur du destinataire (550)."),
        (
            "550 5.1.1 <a@example.org>: unknown; 550 5.1.1 <b@example.org>: unknown",
            "Adresse refusée par le serveur du destinataire (550).",
        ),
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"5.1.1 No such user")}),
            "Adresse refusée par le serveur du destinataire (550).",
        ),
        ("552 5.2.2 Mailbox full", "Boîte pleine chez le destinataire (552)."),
        ("452 4.2.2 Over quota", "Boîte pleine chez le destinataire (452)."),
        (
            smtplib.SMTPDataError(552, b"Message too big for quota"),
            "Boîte pleine chez le destinataire (552).",
        ),
        (
            "535 5.7.8 Authentication failed",
            "Le serveur de messagerie refuse l'identification du portail (535).",
        ),
        (
            "421 4.7.0 Try again later",
            "Le serveur du destinataire demande de réessayer plus tard (421).",
        ),
        ("554 5.7.1 Message rejected as spam", "Envoi refusé par le serveur : 554."),
        (smtplib.SMTPDataError(554, b"rejected"), "Envoi refusé par le serveur : 554."),
        ("something nobody foresaw", "L'envoi a échoué."),
        ("", ""),
        (None, ""),
    ],
)
def test_french_error(error, said):
    assert french_error(error) == said


def test_no_raw_text_leaks():
    said = french_error("[Errno 111] Connection refused <script>")
    assert "Errno" not in said and "<" not in said
