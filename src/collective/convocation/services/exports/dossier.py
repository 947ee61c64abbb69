from collective.convocation.dossier import documents_zip
from collective.convocation.dossier import dossier_file
from collective.convocation.dossier import download
from plone.restapi.services import Service


class Dossier(Service):
    """GET <séance>/@dossier: the séance's documents merged into one PDF."""

    def render(self):
        self.check_permission()
        return download(self.request.response, dossier_file(self.context))


class Zip(Service):
    """GET <séance>/@zip: the séance's documents as uploaded, numbered, in a zip."""

    def render(self):
        self.check_permission()
        return download(self.request.response, documents_zip(self.context))
