from collective.convocation.downloads import attachment
from collective.convocation.sheets import sheet
from plone.restapi.services import Service
from zExceptions import BadRequest


class Emargement(Service):
    """GET <séance>/@emargement?format=pdf|csv: the attendance sheet, as a file."""

    def render(self):
        kind = self.request.form.get("format", "pdf")
        if kind not in ("pdf", "csv"):
            raise BadRequest("Le format est « pdf » ou « csv ».")
        return attachment(self.request.response, *sheet(self.context, kind))
