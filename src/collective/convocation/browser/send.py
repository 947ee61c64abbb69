from collective.convocation import _
from collective.convocation.core import legal
from collective.convocation.core.dates import day_and_time
from collective.convocation.operations.people import full_name
from collective.convocation.operations.sending import notice_for
from collective.convocation.operations.sending import reached_by
from collective.convocation.operations.sending import recipients
from collective.convocation.operations.sending import refusals
from datetime import datetime
from datetime import UTC
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView


class SendConvocationsView(BrowserView):
    """« Envoyer les convocations »: what will happen, what stops it, and the button."""

    def __call__(self):
        if self.request.method == "POST" and "form.buttons.send" in self.request.form:
            CheckAuthenticator(self.request)
            try:
                api.portal.get_tool("portal_workflow").doActionFor(self.context, "notify")
            except WorkflowException as refused:
                api.portal.show_message(str(refused), self.request, type="error")
            else:
                api.portal.show_message(
                    _("The sending of the convocations has started: follow it on this page."),
                    self.request,
                )
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def refusals(self):
        return refusals(self.context)

    def when(self):
        return day_and_time(self.context.start, ", ")

    def notice(self):
        urgent = bool(self.context.urgent)
        return {
            # On the séance's eve or later, no whole day is left: « 0 », never « -1 ».
            "given": max(0, legal.clear_days_given(datetime.now(UTC), self.context.start)),
            "required": legal.required_days(notice_for(self.context), urgent),
            "urgent": urgent,
        }

    def recipients(self):
        """Recipients grouped as they will be reached: mail, paper, unreachable."""
        groups = {"mail": [], "paper": [], "unreachable": [], "invitation": []}
        for recipient in recipients(self.context):
            group = reached_by(recipient)
            if group == "mail" and recipient.category == "invitation":
                group = "invitation"
            groups[group].append(full_name(recipient.userid))
        return groups
