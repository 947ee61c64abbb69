from collective.convocation.evidence import SENT_SEANCE_KEPT
from plone import api
from plone.app.content.browser.actions import DeleteConfirmationForm


class SeanceDeleteConfirmation(DeleteConfirmationForm):
    """A sent séance is not deleted (evidence.keep_sent_seances): say why, instead of an error page."""

    def __call__(self):
        if self.context.sent_at is not None:
            api.portal.show_message(
                api.portal.translate(SENT_SEANCE_KEPT), self.request, type="error"
            )
            return self.request.response.redirect(self.context.absolute_url())
        return super().__call__()
