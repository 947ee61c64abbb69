from collective.convocation.operations.documents import attachment
from collective.convocation.operations.journal import entries
from collective.convocation.operations.journal import journal_file
from collective.convocation.operations.journal import published
from collective.convocation.operations.journal import verification
from collective.convocation.services.body import query_choice
from plone.restapi.services import Service


class Journal(Service):
    """GET <séance>/@journal: the entries and their verification; ?format=csv|json|pdf: as a file."""

    def render(self):
        if "format" not in self.request.form:
            return super().render()
        self.check_permission()  # a file, not JSON: Service.render is not called
        kind = query_choice(self.request, "format", ("json", "csv", "pdf"))
        return attachment(self.request.response, *journal_file(self.context, kind))

    def reply(self):
        found = entries(self.context)
        return {
            "@id": f"{self.context.absolute_url()}/@journal",
            "verification": verification(self.context, found),
            "items": published(found),
            "items_total": len(found),
        }
