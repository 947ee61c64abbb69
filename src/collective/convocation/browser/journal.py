"""« Journal de preuve »: a séance's evidence journal, its verification and its exports."""

from collective.convocation.browser.download import Download
from collective.convocation.operations.journal import entries
from collective.convocation.operations.journal import journal_file
from collective.convocation.operations.journal import readable
from collective.convocation.operations.journal import verification
from Products.Five.browser import BrowserView


class JournalView(BrowserView):
    def update(self):
        self.entries = entries(self.context)
        self.result = verification(self.context, self.entries)

    def __call__(self):
        self.update()
        return self.index()

    def rows(self):
        return [
            {
                **vars(entry),
                "hash": stored["hash"],
                "broken": not self.result["valid"] and entry.seq == self.result["broken_at"],
            }
            for stored, entry in zip(
                self.entries, readable(self.context, self.entries), strict=True
            )
        ]


class JournalFile(Download):
    """journal.json, journal.csv and journal.pdf (to print)."""

    make, kind = journal_file, "json"


class JournalCSV(JournalFile):
    kind = "csv"


class JournalPDF(JournalFile):
    kind = "pdf"
