"""« Appel »: on the séance's day, one form marks every recipient at once, the live quorum in view."""

from collective.convocation import _
from collective.convocation.browser.tracking import TrackingMixin
from collective.convocation.core import roll_call
from collective.convocation.core.forecast import IN_THE_ROOM
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.people import full_name
from collective.convocation.operations.roll_call import record_marks
from collective.convocation.operations.rules import roll_call_refusal
from collective.convocation.schemas import BadInput
from collective.convocation.schemas import IRollCall
from collective.convocation.schemas import read
from collective.convocation.vocabularies import actual_attendances
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import term_title
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


def recorded_message(count):
    if count == 0:
        return _("No attendance recorded.")
    if count == 1:
        return _("1 attendance recorded.")
    return _("${count} attendances recorded.", mapping={"count": count})


class RollCallView(TrackingMixin, BrowserView):
    """« Appel »: radios per recipient, « Tous présents », arrival and departure times, one save."""

    errors = ()
    submitted = None  # the marks sent, shown again when refused

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "recipients" in self.request.form:
                return self.save()
            return self.mark_one()
        return self.render()

    def render(self):
        self.update_tracking()
        # Before the séance's day, the page says when the roll call opens, and offers no control.
        self.closed = roll_call_refusal(self.context)
        return self.index()

    # The form: every mark at once

    def marks(self):
        """The marks of the posted form, one per row; « Tous présents » fills the unmarked ones."""
        form = self.request.form
        recipients = form.get("recipients") or []
        marks = [
            {
                "recipient": recipient,
                "actual": form.get(f"actual_{number}", ""),
                "arrived_at": form.get(f"arrived_{number}", ""),
                "left_at": form.get(f"left_{number}", ""),
            }
            for number, recipient in enumerate(recipients)
        ]
        if "all_present" in form:
            for mark in marks:
                if not mark["actual"]:
                    mark["actual"] = roll_call.ALL_PRESENT
        return marks

    def save(self):
        marks = self.marks()
        try:
            count = record_marks(self.context, [read(mark, IRollCall) for mark in marks])
        except (BadInput, AnswerRefused) as refused:
            # Nothing was written (record_marks checks every mark first): the form comes back as sent.
            self.errors = [api.portal.translate(refused.message)]
            self.submitted = {
                mark["recipient"]: mark for mark in marks if isinstance(mark["recipient"], str)
            }
            self.request.response.setStatus(400)
            return self.render()
        api.portal.show_message(api.portal.translate(recorded_message(count)), self.request)
        return self.request.response.redirect(f"{self.context.absolute_url()}/@@roll-call")

    # One mark, as the page's single buttons posted it before (kept for old tabs and scripts)

    def mark_one(self):
        form = self.request.form
        try:
            mark = read(
                {"recipient": form.get("recipient", ""), "actual": form.get("actual", "")},
                IRollCall,
            )
            record_marks(self.context, [mark])
        except (BadInput, AnswerRefused) as refused:
            api.portal.show_message(refused.message, self.request, type="error")
        else:
            api.portal.show_message(
                api.portal.translate(
                    _(
                        "${name}: ${actual}.",
                        mapping={
                            "name": full_name(mark["recipient"]),
                            "actual": term_title(actual_attendances, mark["actual"], self.context)
                            or api.portal.translate(_("not marked")),
                        },
                    )
                ),
                self.request,
            )
        return self.request.response.redirect(f"{self.context.absolute_url()}/@@roll-call")

    # What the page shows

    def choices(self):
        """(value, title): « not marked » first, then the vocabulary's actual attendances."""
        return [("", api.portal.translate(_("Not marked")))] + [
            (term.value, api.portal.translate(term.title))
            for term in actual_attendances(self.context)
        ]

    def roll(self):
        """One row per recipient, officials first: the announced answer and the mark to give."""
        names = {}
        context = self.context
        submitted = self.submitted or {}
        rows = []
        for number, line in enumerate(self.data["lines"]):
            if line.proxy_holder and line.proxy_holder not in names:
                names[line.proxy_holder] = full_name(line.proxy_holder)
            sent = submitted.get(line.userid)
            announced = term_title(attendances, line.attendance, context)
            if line.proxy_holder:
                announced = f"{announced} : {names[line.proxy_holder]}"
            rows.append(
                {
                    "number": number,
                    "userid": line.userid,
                    "name": line.name,
                    "official": line.category == "convocation",
                    "invitee": line.category != "convocation",
                    "announced": announced,
                    "actual": sent["actual"] if sent else (line.actual or ""),
                    "arrived": sent["arrived_at"] if sent else roll_call.clock_of(line.arrived_at),
                    "left": sent["left_at"] if sent else roll_call.clock_of(line.left_at),
                }
            )
        return rows

    def live(self):
        """What the quorum box's script needs, and its first words (the server's count)."""
        quorum = self.quorum
        return {
            "required": quorum["required"] if quorum["rule"] == "majority" else 0,
            "in_the_room": quorum["in_the_room"],
            "counted": " ".join(sorted(IN_THE_ROOM)),
            "reached": api.portal.translate(_("reached")),
            "not_reached": api.portal.translate(_("not reached")),
            "verdict": api.portal.translate(
                _("reached") if quorum["reached_in_the_room"] else _("not reached")
            ),
            "has_quorum": quorum["rule"] == "majority",
        }
