from collective.convocation import _
from collective.convocation.behaviors.mail_templates import template_for
from collective.convocation.browser.forms import posted_data
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.operations.audiences import reached
from collective.convocation.operations.audiences import renotify_addressees
from collective.convocation.operations.audiences import SKIPPED
from collective.convocation.operations.audiences import skipped
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.rules import require_notified
from collective.convocation.operations.sending import renotify
from collective.convocation.schemas import IRenotify
from plone import api
from plone.autoform.form import AutoExtensibleForm
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import form


class RenotifyForm(AutoExtensibleForm, form.Form):
    """« Notifier à nouveau »: a message about the séance to its recipients (minutes, a change…)."""

    schema = IRenotify
    ignoreContext = True
    label = _("Notify again")
    template = ViewPageTemplateFile("templates/renotify.pt")

    def update(self):
        # A séance not (or no longer) notified: the form says why and offers no « Send ».
        self.refusal = None
        try:
            require_notified(self.context)
        except ActionRefused as refused:
            self.refusal = refused.message
        super().update()
        if self.refusal:
            self.status = self.refusal

    def updateWidgets(self):
        super().updateWidgets()
        assembly = ancestor(self.context, IAssembly)
        subject, body = template_for("renotify", assembly, ancestor(assembly, ICollectivity))
        if not self.request.form.get("form.buttons.send"):
            self.widgets["subject"].value = subject
            self.widgets["message"].value = body

    @button.buttonAndHandler(_("Send"), name="send", condition=lambda form: not form.refusal)
    def handle_send(self, action):
        data = posted_data(self)
        if data is None:
            return
        unacknowledged = data["audience"] == "unacknowledged"
        left_out = skipped(renotify_addressees(self.context, unacknowledged))
        try:
            count = renotify(self.context, data["subject"], data["message"], unacknowledged)
        except ActionRefused as refused:
            self.status = refused.message
            return
        api.portal.show_message(
            _("Message sent to ${count} recipients.", mapping={"count": count}), self.request
        )
        if left_out:
            api.portal.show_message(
                _("Not sent to: ${names}.", mapping={"names": worded(left_out)}),
                self.request,
                type="warning",
            )
        self.request.response.redirect(self.context.absolute_url())

    def audience(self):
        """Before sending: who gets the message, who does not and why (to all the recipients)."""
        found = renotify_addressees(self.context)
        return {
            "reached": [addressee.name for addressee in reached(found)],
            "skipped": [named(addressee) for addressee in skipped(found)],
            "acknowledged": [
                addressee.name for addressee in reached(found) if addressee.convocation.received_at
            ],
        }

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


def named(addressee):
    """« Noël Lambert (reached on paper) », in French."""
    return f"{addressee.name} ({api.portal.translate(SKIPPED[addressee.skipped])})"


def worded(found):
    return ", ".join(named(addressee) for addressee in found)
