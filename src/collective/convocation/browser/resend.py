from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.operations.rules import ActionRefused
from collective.convocation.operations.sending import resend
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest


class ResendView(BrowserView):
    """An agent sends one recipient's convocation again (POST)."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        CheckAuthenticator(self.request)
        try:
            resent = resend(self.context)
        except ActionRefused as refused:
            api.portal.show_message(refused.message, self.request, type="error")
        else:
            self.said(resent)
        return self.request.response.redirect(ancestor(self.context, ISeance).absolute_url())

    def said(self, resent):
        if resent:
            api.portal.show_message(_("The convocation is sent again."), self.request)
        else:
            api.portal.show_message(
                _("This recipient has no email address or receives the convocation on paper."),
                self.request,
                type="warning",
            )
