from collective.convocation.content.seance import convocations
from collective.convocation.operations.people import person
from collective.convocation.operations.rules import is_notified
from collective.convocation.vocabularies import categories
from collective.convocation.vocabularies import deliveries
from Products.Five.browser import BrowserView


class DeliveriesView(BrowserView):
    """« Suivi des envois »: what became of each recipient's mail, and a button to send it again."""

    def rows(self):
        notified = is_notified(self.context)  # nothing is sent again about a closed séance
        rows = []
        for convocation in convocations(self.context):
            rows.append(
                {
                    "name": person(convocation.recipient)["fullname"],
                    "category": categories(self.context).getTerm(convocation.category).title,
                    "delivery": deliveries(self.context).getTerm(convocation.delivery).title
                    if convocation.delivery
                    else "",
                    "error": convocation.delivery_error,
                    "resendable": notified and convocation.delivery in ("failed", "queued", "sent"),
                    "url": convocation.absolute_url(),
                }
            )
        return sorted(rows, key=lambda row: row["name"])
