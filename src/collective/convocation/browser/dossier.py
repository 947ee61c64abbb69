from collective.convocation.dossier import documents_zip
from collective.convocation.dossier import dossier_file
from collective.convocation.dossier import download
from Products.Five.browser import BrowserView


class DossierPDF(BrowserView):
    """« Dossier (PDF) »: the séance's documents merged, a bookmark each."""

    def __call__(self):
        return download(self.request.response, dossier_file(self.context))


class DossierZip(BrowserView):
    """« Documents (zip) »: the séance's documents as uploaded, numbered."""

    def __call__(self):
        return download(self.request.response, documents_zip(self.context))
