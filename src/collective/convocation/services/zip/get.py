from collective.convocation.operations.documents import send_zip
from plone.restapi.services import Service


class Zip(Service):
    """GET <séance>/@zip: the séance's documents as uploaded, numbered, in a zip."""

    def render(self):  # a file, not JSON
        self.check_permission()
        return send_zip(self.request.response, self.context)
