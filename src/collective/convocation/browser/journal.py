"""« Journal de preuve »: a séance's evidence journal, its verification and its exports."""

from collective.convocation import _
from collective.convocation.browser.download import Download
from collective.convocation.core.chain import fingerprint
from collective.convocation.core.dates import moment
from collective.convocation.operations.journal import entries
from collective.convocation.operations.journal import journal_file
from collective.convocation.operations.journal import kind_titles
from collective.convocation.operations.journal import verification
from collective.convocation.operations.people import full_name
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import term_title
from datetime import datetime
from plone import api
from Products.Five.browser import BrowserView


class JournalView(BrowserView):
    def update(self):
        self.entries = entries(self.context)
        self.result = verification(self.context, self.entries)

    def __call__(self):
        self.update()
        return self.index()

    def rows(self):
        titles = kind_titles()
        names = {}

        def name(userid):
            if userid and userid not in names:
                names[userid] = full_name(userid)
            return names.get(userid, "")

        return [
            {
                "seq": entry["seq"],
                "when": moment(datetime.fromisoformat(entry["at"])),
                "actor": name(entry["actor"]),
                "kind": titles.get(entry["kind"], entry["kind"]),
                "details": self.details(entry["data"], name),
                "hash": entry["hash"],
                "fingerprint": fingerprint(entry),
                "broken": not self.result["valid"] and entry["seq"] == self.result["broken_at"],
            }
            for entry in self.entries
        ]

    def details(self, data, name):
        """The entry's data as an agent reads it."""
        parts = []
        if data.get("recipient"):
            parts.append(name(data["recipient"]))
        if data.get("attendance"):
            parts.append(term_title(attendances, data["attendance"], self.context))
        if data.get("proxy_holder"):
            parts.append(f"→ {name(data['proxy_holder'])}")
        if data.get("actual"):
            parts.append(term_title(actual_attendances, data["actual"], self.context))
        for key in ("subject", "reason", "title"):
            if data.get(key):
                parts.append(str(data[key]))
        if data.get("clear_days") is not None:
            parts.append(
                api.portal.translate(_("${days} clear days", mapping={"days": data["clear_days"]}))
            )
        for document in data.get("documents", ()):
            parts.append(f"{document['title']} (SHA-256 {document['sha256']})")
        return parts


class JournalFile(Download):
    """journal.json and journal.csv."""

    make, kind = journal_file, "json"


class JournalCSV(JournalFile):
    kind = "csv"
