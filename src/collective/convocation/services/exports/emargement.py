from collective.convocation.downloads import attachment
from collective.convocation.services.body import query_choice
from collective.convocation.sheets import sheet
from plone.restapi.services import Service


class Emargement(Service):
    """GET <séance>/@emargement?format=pdf|csv: the attendance sheet, as a file."""

    def render(self):
        kind = query_choice(self.request, "format", ("pdf", "csv"), default="pdf")
        return attachment(self.request.response, *sheet(self.context, kind))
