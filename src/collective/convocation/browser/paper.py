"""« Courrier papier »: the séance's paper recipients, their letters and labels, and « posté le »."""

from collective.convocation import _
from collective.convocation.browser.download import Download
from collective.convocation.core.dates import french_date
from collective.convocation.core.legal import local_day
from collective.convocation.core.legal import PARIS
from collective.convocation.operations.paper import labels_file
from collective.convocation.operations.paper import letters_file
from collective.convocation.operations.paper import paper_recipients
from collective.convocation.operations.paper import parse_day
from collective.convocation.operations.paper import posting_refusal
from collective.convocation.operations.paper import record_posted
from collective.convocation.operations.paper import save_address
from collective.convocation.operations.rules import ActionRefused
from datetime import datetime
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized


SEND = "collective.convocation: Send convocations"


class PaperView(BrowserView):
    """Lists the paper recipients; a POST records the day their letters were posted, or saves
    one recipient's postal address."""

    error = None
    # The address form refused: {"userid", "message", "typed"}, shown open on its row.
    address_refused = None

    def __call__(self):
        form = self.request.form
        done = False
        if self.request.method == "POST" and "form.buttons.posted" in form:
            done = self.post()
        elif self.request.method == "POST" and "form.buttons.address" in form:
            done = self.post_address()
        if done:
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@courrier-papier"
            )
        return self.index()

    def post_address(self):
        """Save a paper recipient's postal address; False, with the refusal kept, when refused."""
        CheckAuthenticator(self.request)
        if not self.can_record():
            raise Unauthorized("Saving an address needs the Send convocations permission")
        userid = self.request.form.get("userid")
        typed = self.request.form.get("address")
        typed = typed if isinstance(typed, str) else ""
        try:
            name = save_address(self.context, userid, typed)
        except ActionRefused as refused:
            self.error = refused.message
            self.address_refused = {"userid": userid, "message": refused.message, "typed": typed}
            return False
        api.portal.show_message(
            _("Postal address of ${name} saved.", mapping={"name": name}), self.request
        )
        return True

    def post(self):
        """Record the posting; False, with ``error`` set, when it is refused (nothing is saved)."""
        CheckAuthenticator(self.request)
        if not self.can_record():
            raise Unauthorized("Recording the posting needs the Send convocations permission")
        chosen = self.request.form.get("recipients", [])
        chosen = [chosen] if isinstance(chosen, str) else list(chosen)
        try:
            day = parse_day(self.request.form.get("day"))
            posted = record_posted(self.context, chosen, day)
        except ActionRefused as refused:
            self.error = refused.message
            return False
        api.portal.show_message(
            _(
                "Posting recorded on ${day} for ${count} recipients.",
                mapping={"day": french_date(day), "count": len(posted)},
            ),
            self.request,
        )
        return True

    def can_record(self):
        return api.user.has_permission(SEND, obj=self.context)

    def today(self):
        return datetime.now(PARIS).date().isoformat()

    def sent_day(self):
        sent = self.context.sent_at
        return local_day(sent).isoformat() if sent is not None else ""

    def recording_open(self):
        """The form is offered while a posting could be recorded today."""
        return (
            self.can_record() and posting_refusal(self.context, datetime.now(PARIS).date()) is None
        )

    def recipients(self):
        rows = []
        for recipient in paper_recipients(self.context):
            posted = recipient.posted_at
            lines = recipient.addressee.lines
            refused = self.address_refused or {}
            mine = refused.get("userid") == recipient.userid
            rows.append(
                {
                    "userid": recipient.userid,
                    "id": f"paper-{recipient.convocation.getId()}",
                    "name": recipient.addressee.name_line,
                    "lines": lines,
                    "posted": french_date(local_day(posted)) if posted else "",
                    # The address form: what its box holds, and why it was refused.
                    "typed": refused["typed"] if mine else "\n".join(lines),
                    "address_error": refused["message"] if mine else "",
                }
            )
        return rows

    def addressed(self, rows):
        return [row for row in rows if row["lines"]]


class LettersPDF(Download):
    """« Lettres de convocation (PDF) »: each paper recipient's letter, then the séance's documents."""

    def make(seance, kind):
        return letters_file(seance)


class LabelsPDF(Download):
    """« Étiquettes (PDF) »: a label per paper recipient with an address."""

    def make(seance, kind):
        return labels_file(seance)
