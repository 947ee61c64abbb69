from collective.convocation.browser.download import Download
from collective.convocation.operations.documents import sheet


class AttendanceSheet(Download):
    """« Version PDF » / « Version CSV » of the émargement."""

    make, kind = sheet, "pdf"


class AttendanceSheetCSV(AttendanceSheet):
    kind = "csv"
