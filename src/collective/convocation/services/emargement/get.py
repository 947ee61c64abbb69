from collective.convocation.operations.documents import attachment
from collective.convocation.operations.documents import sheet
from collective.convocation.services.body import query_choice
from plone.restapi.services import Service


class Emargement(Service):
    """GET <séance>/@emargement?format=pdf|csv: the attendance sheet, as a file."""

    def render(self):  # a file, not JSON
        self.check_permission()
        kind = query_choice(self.request, "format", ("pdf", "csv"), default="pdf")
        return attachment(self.request.response, *sheet(self.context, kind))
