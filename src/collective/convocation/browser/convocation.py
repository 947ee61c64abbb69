"""A convocation's own page: who, for which séance and mandate, what became of the mail, the answer.

Dexterity's default view showed its fields raw: the recipient's user id, the
mandate's uid (« Mandat 5d289346… »), dates in UTC. Every fact here is worded
for a person: names, the mandate's function, dates in Europe/Paris
(core/dates.py), the delivery and its error in French (core/delivery.py).
"""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.core.dates import day_and_time
from collective.convocation.core.delivery import french_error
from collective.convocation.operations.people import full_name
from collective.convocation.operations.people import function_of
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import categories
from collective.convocation.vocabularies import deliveries
from collective.convocation.vocabularies import receipt_channels
from collective.convocation.vocabularies import term_title
from plone import api
from Products.Five.browser import BrowserView


# The later mails, as the page names them (« Dernier message (relance) : échec »).
LATER_MAILS = {
    "reminder": _("reminder"),
    "renotify": _("message"),
    "cancel": _("cancellation"),
}


def when(value):
    """« 15 décembre 2026 à 18h30 », in Paris; "" for none."""
    return day_and_time(value) if value else ""


class ConvocationView(BrowserView):
    """The default view of a Convocation, for its recipient and the séance's agents."""

    def seance(self):
        seance = ancestor(self.context, ISeance)
        return {
            "title": seance.Title(),
            "url": seance.absolute_url(),
            "start": when(seance.start),
        }

    def facts(self):
        """(label, value) pairs, the empty ones left out."""
        context = self.context
        translate = api.portal.translate
        delivery = term_title(deliveries, context.delivery, context)
        error = french_error(context.delivery_error) if context.delivery == "failed" else ""
        received = when(context.received_at)
        if received and context.received_via:
            received = f"{received} ({term_title(receipt_channels, context.received_via, context)})"
        facts = [
            (_("Recipient"), full_name(context.recipient)),
            (_("Category"), term_title(categories, context.category, context)),
            (_("Function"), function_of(context)),
            (_("Sent at"), when(context.sent_at)),
            (_("Delivery"), f"{delivery} — {error}" if error else delivery),
            (_("Delivered at"), when(context.delivered_at)),
            (_("Latest message"), self.latest_message()),
            (_("Receipt acknowledged at"), received),
            (_("Attendance"), term_title(attendances, context.attendance, context)),
            (
                _("Proxy holder"),
                full_name(context.proxy_holder) if context.proxy_holder else "",
            ),
            (_("Answered at"), when(context.answered_at)),
            (_("Actual attendance"), term_title(actual_attendances, context.actual, context)),
        ]
        return [(translate(label), value) for label, value in facts if value]

    def latest_message(self):
        """« relance : échec — Boîte pleine… » when a later mail failed; "" otherwise."""
        last = getattr(self.context, "last_mail", None) or {}
        if last.get("status") != "failed":
            return ""
        kind = LATER_MAILS.get(last.get("mail"), _("message"))
        return api.portal.translate(
            _(
                "${kind}: failed — ${error}",
                mapping={
                    "kind": api.portal.translate(kind),
                    "error": french_error(last.get("reason")),
                },
            )
        )
