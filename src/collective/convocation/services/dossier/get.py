from collective.convocation.operations.documents import send_dossier
from plone.restapi.services import Service


class Dossier(Service):
    """GET <séance>/@dossier: the séance's documents merged into one PDF."""

    def render(self):  # a file, not JSON
        self.check_permission()
        return send_dossier(self.request.response, self.context)
