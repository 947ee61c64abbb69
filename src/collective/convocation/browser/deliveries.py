from collective.convocation.content.seance import convocations
from collective.convocation.core.delivery import french_error
from collective.convocation.operations.people import full_name
from collective.convocation.operations.rules import is_notified
from collective.convocation.operations.sending import resendable
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
                    "name": full_name(convocation.recipient),
                    "category": categories(self.context).getTerm(convocation.category).title,
                    "delivery": deliveries(self.context).getTerm(convocation.delivery).title
                    if convocation.delivery
                    else "",
                    "error": french_error(convocation.delivery_error),
                    "resendable": resendable(convocation, notified),
                    "url": convocation.absolute_url(),
                }
            )
        return sorted(rows, key=lambda row: row["name"])
