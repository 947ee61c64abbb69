"""Officials' and agents' accounts of a collectivity: creation, and the set-password mail.

No password ever travels by mail: each new account gets a link to choose
one, from Plone's password reset machinery.
"""

from collective.convocation.behaviors.mail_templates import template_for
from collective.convocation.core.logins import login_for
from collective.convocation.core.mail.message import build_message
from collective.convocation.core.mail.tags import render
from collective.convocation.core.names import joined
from collective.convocation.core.privacy_notice import with_footer
from collective.convocation.operations.mails import portal_host
from collective.convocation.operations.mails import queue
from collective.convocation.operations.mails import sender_of
from collective.convocation.operations.people import person
from collective.convocation.privacy.notices import footer_line
from plone import api
from urllib.parse import quote

import re
import secrets


class TakenLogins:
    """The logins already in use, as ``login_for`` asks: ``login in taken``."""

    def __contains__(self, login):
        return api.user.get(username=login) is not None


def login_of(collectivity, account):
    """i-delibRE's username with the collectivity's suffix, else firstname.lastname@suffix."""
    suffix = collectivity.login_suffix
    username = re.sub(r"[^a-z0-9._-]", "", account.username.split("@")[0].lower())
    if username and f"{username}@{suffix}" not in TakenLogins():
        return f"{username}@{suffix}"
    return login_for(account.first_name, account.last_name, suffix, TakenLogins())


def create_account(collectivity, account):
    """Create the account and mail its set-password link; returns the login."""
    login = login_of(collectivity, account)
    # Checked by the form's permission (Manage accounts) on this collectivity
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email=account.email,
            username=login,
            password=secrets.token_urlsafe(24),  # never told: the owner chooses theirs
            properties={
                "fullname": joined(account.first_name, account.last_name),
                "civility": account.civility,
                "first_name": account.first_name,
                "last_name": account.last_name,
                "phone": account.phone,
                "function": account.function,
                "political_group": account.political_group,
                "postal_address": getattr(
                    account, "postal_address", ""
                ),  # older callers pass no address
            },
        )
        if account.role == "agent":
            api.user.grant_roles(username=login, obj=collectivity, roles=["ConvocationAgent"])
        send_welcome(collectivity, login)
    return login


def set_password_link(login):
    reset = api.portal.get_tool("portal_password_reset").requestReset(login)
    return f"{api.portal.get().absolute_url()}/passwordreset/{reset['randomstring']}?userid={quote(login)}"


def send_welcome(collectivity, login):
    """The new account mail: the login, and the link to choose a password."""
    names = person(login)
    values = {
        **names,
        "username": login,
        "collectivite": collectivity.title,
        "urlseance": set_password_link(login),
    }
    subject, body = template_for("account", None, collectivity)
    message = build_message(
        sender=sender_of(collectivity),
        recipient=(names["fullname"], names["email"]),
        subject=render(subject, values),
        text=with_footer(render(body, values), footer_line(collectivity)),
        reply_to=collectivity.reply_to or "",
        domain=portal_host(),
    )
    queue(message)
