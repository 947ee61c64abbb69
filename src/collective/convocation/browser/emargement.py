from collective.convocation.operations.documents import attachment
from collective.convocation.operations.documents import sheet
from Products.Five.browser import BrowserView


class AttendanceSheet(BrowserView):
    """« Version PDF » / « Version CSV » of the émargement."""

    kind = "pdf"

    def __call__(self):
        return attachment(self.request.response, *sheet(self.context, self.kind))


class AttendanceSheetCSV(AttendanceSheet):
    kind = "csv"
