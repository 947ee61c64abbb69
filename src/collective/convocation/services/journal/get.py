from collective.convocation.chain import verify
from collective.convocation.downloads import attachment
from collective.convocation.evidence import entries
from collective.convocation.evidence import journal_file
from collective.convocation.evidence import verification_message
from collective.convocation.services.body import query_choice
from dataclasses import asdict
from plone.restapi.services import Service


class Journal(Service):
    """GET <séance>/@journal: the entries and their verification; ?format=csv|json: as a file."""

    def render(self):
        if "format" not in self.request.form:
            return super().render()
        kind = query_choice(self.request, "format", ("json", "csv"))
        return attachment(self.request.response, *journal_file(self.context, kind))

    def reply(self):
        found = entries(self.context)
        result = verify(found)
        return {
            "@id": f"{self.context.absolute_url()}/@journal",
            "verification": {**asdict(result), "message": verification_message(result)},
            "items": found,
            "items_total": len(found),
        }
