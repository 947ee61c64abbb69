from collective.convocation import _
from collective.convocation.behaviors.mail_templates import template_for
from collective.convocation.browser.forms import posted_data
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.rules import require_notified
from collective.convocation.operations.sending import renotify
from collective.convocation.schemas import IRenotify
from plone import api
from plone.autoform.form import AutoExtensibleForm
from z3c.form import button
from z3c.form import form


class RenotifyForm(AutoExtensibleForm, form.Form):
    """« Notifier à nouveau »: a message about the séance to its recipients (minutes, a change…)."""

    schema = IRenotify
    ignoreContext = True
    label = _("Notify again")

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
        try:
            count = renotify(
                self.context, data["subject"], data["message"], data["audience"] == "unacknowledged"
            )
        except ActionRefused as refused:
            self.status = refused.message
            return
        api.portal.show_message(
            _("Message sent to ${count} recipients.", mapping={"count": count}), self.request
        )
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler(_("Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())
