from collective.convocation import _
from collective.convocation.core import legal
from collective.convocation.core.dates import french_date
from collective.convocation.operations.people import person
from collective.convocation.operations.people import reachable
from collective.convocation.operations.sending import notice_for
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
                api.portal.show_message(_("The convocations are sent."), self.request)
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def refusals(self):
        return refusals(self.context)

    def when(self):
        start = self.context.start.astimezone(legal.PARIS)
        return f"{french_date(start.date())}, {start:%H}h{start:%M}"

    def notice(self):
        notice = notice_for(self.context)
        now = datetime.now(UTC)
        given = legal.clear_days(legal.local_day(now), legal.local_day(self.context.start))
        return {"given": given, "required": notice.days, "urgent": self.context.urgent}

    def recipients(self):
        """Recipients grouped as they will be reached: mail, paper, unreachable."""
        groups = {"mail": [], "paper": [], "unreachable": [], "invitation": []}
        for recipient in recipients(self.context):
            name = person(recipient.userid)["fullname"]
            if recipient.paper:
                groups["paper"].append(name)
            elif not reachable(recipient.userid):
                groups["unreachable"].append(name)
            elif recipient.category == "invitation":
                groups["invitation"].append(name)
            else:
                groups["mail"].append(name)
        return groups
