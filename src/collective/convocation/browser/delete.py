"""The delete and rename pages of a sent séance and of its convocations say why they are refused (evidence.py)."""

from collective.convocation.operations.journal import moving_refused
from collective.convocation.operations.journal import removal_refused
from plone import api
from plone.app.content.browser.actions import DeleteConfirmationForm
from plone.app.content.browser.actions import RenameForm


class RefusedForProof:
    """Back to the object with the reason, instead of a form whose action would fail."""

    refused = staticmethod(lambda obj: None)

    def __call__(self):
        refusal = self.refused(self.context)
        if refusal is not None:
            api.portal.show_message(api.portal.translate(refusal), self.request, type="error")
            return self.request.response.redirect(self.context.absolute_url())
        return super().__call__()


class ProofDeleteConfirmation(RefusedForProof, DeleteConfirmationForm):
    refused = staticmethod(removal_refused)


class ProofRename(RefusedForProof, RenameForm):
    refused = staticmethod(moving_refused)
