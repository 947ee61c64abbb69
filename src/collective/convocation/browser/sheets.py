from collective.convocation.sheets import sheet
from Products.Five.browser import BrowserView


class AttendanceSheet(BrowserView):
    """« Version PDF » / « Version CSV » of the émargement."""

    kind = "pdf"

    def __call__(self):
        data, content_type, filename = sheet(self.context, self.kind)
        self.request.response.setHeader("Content-Type", content_type)
        self.request.response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        return data


class AttendanceSheetCSV(AttendanceSheet):
    kind = "csv"
