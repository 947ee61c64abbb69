from collective.convocation.operations.documents import send_dossier
from collective.convocation.operations.documents import send_zip
from Products.Five.browser import BrowserView


class DossierPDF(BrowserView):
    """« Dossier (PDF) »: the séance's documents merged, a bookmark each."""

    def __call__(self):
        return send_dossier(self.request.response, self.context)


class DossierZip(BrowserView):
    """« Documents (zip) »: the séance's documents as uploaded, numbered."""

    def __call__(self):
        return send_zip(self.request.response, self.context)
