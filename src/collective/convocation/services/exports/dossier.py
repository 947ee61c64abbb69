from collective.convocation.operations.documents import send_dossier
from collective.convocation.operations.documents import send_zip
from plone.restapi.services import Service


class Dossier(Service):
    """GET <séance>/@dossier: the séance's documents merged into one PDF."""

    def render(self):
        self.check_permission()
        return send_dossier(self.request.response, self.context)


class Zip(Service):
    """GET <séance>/@zip: the séance's documents as uploaded, numbered, in a zip."""

    def render(self):
        self.check_permission()
        return send_zip(self.request.response, self.context)
