"""The séance page's confirmations: remind (« Relancer »), cancel (« Annuler »), file (« Classer »).

Each says before acting who will get a mail and who will not, and acts on a POST with the token.
"""

from collective.convocation import _
from collective.convocation.browser.seance import offered
from collective.convocation.core import legal
from collective.convocation.core.dates import moment
from collective.convocation.operations import rules
from collective.convocation.operations.audiences import addressees
from collective.convocation.operations.audiences import reached
from collective.convocation.operations.audiences import SKIPPED
from collective.convocation.operations.audiences import skipped
from collective.convocation.operations.minutes import minutes_of
from collective.convocation.operations.reminders import remind
from collective.convocation.operations.reminders import reminder_addressees
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import preview
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView


def names(found):
    return [addressee.name for addressee in found]


def names_with_reasons(found):
    """« Noël Lambert (reached on paper) », in French."""
    return [
        f"{addressee.name} ({api.portal.translate(SKIPPED[addressee.skipped])})"
        for addressee in found
    ]


class Confirmation(BrowserView):
    """A GET shows what will happen; a POST with the page's token does it and goes back to the séance."""

    button = "form.buttons.confirm"

    def __call__(self):
        self.error = None
        if self.request.method == "POST" and self.button in self.request.form:
            CheckAuthenticator(self.request)
            done = self.act()
            if done:
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def back(self, message, kind="info"):
        api.portal.show_message(message, self.request, type=kind)
        return True


class RemindView(Confirmation):
    """« Relancer les non-répondants »: the reminder as a recipient reads it, who gets it, who does not."""

    def refusal(self):
        try:
            rules.require_notified(self.context)
        except ActionRefused as refused:
            return refused.message
        return None

    def audience(self):
        found = reminder_addressees(self.context)
        return {"reached": names(reached(found)), "skipped": names_with_reasons(skipped(found))}

    def mail(self):
        """The reminder as its first recipient will read it."""
        first = next(iter(reached(reminder_addressees(self.context))), None)
        if first is None:
            return None
        subject, text = preview(self.context, "reminder", first.convocation.recipient)
        return {"name": first.name, "subject": subject, "text": text}

    def act(self):
        left_out = skipped(reminder_addressees(self.context))
        try:
            count = remind(self.context)
        except ActionRefused as refused:
            self.error = refused.message
            return False
        self.back(_("Reminder sent to ${count} recipients.", mapping={"count": count}))
        if left_out:
            self.back(
                _(
                    "Not reminded: ${names}.",
                    mapping={"names": ", ".join(names_with_reasons(left_out))},
                ),
                "warning",
            )
        return True


class CancelView(Confirmation):
    """« Annuler la séance »: the reason, who gets the cancellation mail and who does not."""

    reason_max = legal.CANCEL_REASON_MAX  # as the rule refuses it on every path

    def refusal(self):
        if offered(self.context, "cancel"):
            return None
        return api.portal.translate(_("This séance cannot be cancelled: it is not convoked."))

    def reason(self):
        reason = self.request.form.get("reason", "")
        return reason if isinstance(reason, str) else ""

    def audience(self):
        found = addressees(self.context)
        return {"reached": names(reached(found)), "skipped": names_with_reasons(skipped(found))}

    def act(self):
        if self.refusal():
            self.error = self.refusal()
            return False
        reason = self.reason().strip()
        self.error = rules.transition_refusal(self.context, "cancel", reason)
        if self.error:
            return False
        reached_count = len(reached(addressees(self.context)))
        try:
            api.portal.get_tool("portal_workflow").doActionFor(
                self.context, "cancel", comment=reason
            )
        except WorkflowException as refused:
            self.error = str(refused)
            return False
        return self.back(
            _(
                "The séance is cancelled; ${count} recipients are told by email.",
                mapping={"count": reached_count},
            )
        )


class ArchiveView(Confirmation):
    """« Classer »: the séance took place; once filed, nothing of it changes and its recipients read it."""

    def refusal(self):
        if offered(self.context, "archive"):
            return None
        if api.content.get_state(self.context) == "notified":
            refusal = rules.transition_refusal(self.context, "archive")
            if refusal:
                return refusal
        return api.portal.translate(_("Only a convoked séance that has started can be filed."))

    def without_minutes(self):
        return minutes_of(self.context) is None

    def started_at(self):
        return moment(self.context.start)

    def act(self):
        self.error = self.refusal()
        if self.error:
            return False
        try:
            api.portal.get_tool("portal_workflow").doActionFor(self.context, "archive")
        except WorkflowException as refused:
            self.error = str(refused)
            return False
        return self.back(_("The séance is filed."))
