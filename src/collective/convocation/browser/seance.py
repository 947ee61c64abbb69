"""A séance's page: for its agents, what stands and what can be done now; for the others, when and where."""

from collective.convocation import _
from collective.convocation.browser.tracking import TrackingMixin
from collective.convocation.core import legal
from collective.convocation.core.documents import SEANCE_FILES
from collective.convocation.core.wording import weekday_and_time
from collective.convocation.core.wording import weekday_date
from collective.convocation.operations.minutes import minutes_link
from collective.convocation.operations.public_agenda import may_publish
from collective.convocation.operations.rules import roll_call_refusal
from collective.convocation.operations.sending import refusals
from collective.convocation.permissions import RecordAttendance
from collective.convocation.permissions import SendConvocations
from collective.convocation.permissions import ViewTracking
from datetime import datetime
from datetime import UTC
from plone import api
from Products.Five.browser import BrowserView


def offered(seance, transition):
    """The workflow offers ``transition`` to the current user now (state, permission, guard)."""
    workflow = api.portal.get_tool("portal_workflow")
    return any(offer["id"] == transition for offer in workflow.getTransitionsFor(seance))


def state_title(seance):
    """« Brouillon », « Convoquée », « Classée », « Annulée »."""
    state = api.content.get_state(seance)
    title = api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, "Seance")
    return api.portal.translate(title, domain="plone")


class SeanceView(TrackingMixin, BrowserView):
    """The séance's ``view``: the agents' whole page; date and place for everyone else.

    Officials get the rest from the recipient panel (official.py), above this body.
    """

    def __call__(self):
        self.now = datetime.now(UTC)
        self.agent = api.user.has_permission(ViewTracking, obj=self.context)
        if self.agent:
            self.update_tracking()
        return self.index()

    # For everyone

    def when(self):
        return weekday_and_time(self.context.start)

    # For the agents

    def state(self):
        return {"id": api.content.get_state(self.context), "title": state_title(self.context)}

    def sent(self):
        return self.context.sent_at is not None

    def started(self):
        return legal.has_started(self.context.start, self.now)

    def deadline(self):
        """Before sending: the last day, the days left until it, and what a sending today gives."""
        notice = self.notice
        if notice["send_by"] is None:
            return None
        today = legal.local_day(self.now)
        return {
            "day": weekday_date(notice["send_by"]),
            "days_left": (notice["send_by"] - today).days,
            "given_today": max(0, legal.clear_days_given(self.now, self.context.start)),
            "required": notice["required"],
            "overdue": notice["overdue"],
        }

    def quorum_lines(self):
        """The quorum; before sending only its figure (nobody has answered); the roll call's from its day."""
        texts = self.quorum_texts()
        if not self.sent():
            return texts[:1]
        # The roll call's line from the séance's day on, and kept once it is filed.
        if len(texts) > 1 and not legal.roll_call_open(self.context.start, self.now):
            return texts[:-1]
        return texts

    def blocking(self):
        """Before sending: what still stops it (a missing document, the notice), in French."""
        if api.content.get_state(self.context) != "draft":
            return []
        return [api.portal.translate(problem) for problem in refusals(self.context, self.now)]

    def documents(self):
        """The séance's own files (convocation, note de synthèse, invitation), opened in the browser."""
        url = self.context.absolute_url()
        return [
            {"title": title, "url": f"{url}/@@display-file/{field}"}
            for field, title in SEANCE_FILES
            if getattr(self.context, field, None) is not None
        ]

    def may_edit(self):
        return api.content.get_state(self.context) in ("draft", "notified") and (
            api.user.has_permission("Modify portal content", obj=self.context)
        )

    def minutes(self):
        return minutes_link(self.context)

    def actions(self):
        """The buttons for what this user can do now, in this state: (label, url, style)."""
        seance = self.context
        url = seance.absolute_url()
        state = api.content.get_state(seance)
        may = {
            permission: api.user.has_permission(permission, obj=seance)
            for permission in (SendConvocations, RecordAttendance, "Modify portal content")
        }
        found = []
        if state == "draft" and may[SendConvocations]:
            found.append((_("Send the convocations"), "@@send-convocations", "primary"))
        notified = state == "notified" and may[SendConvocations]
        if notified and not self.started():
            found.append((_("Remind those who have not acknowledged"), "@@relancer", "primary"))
        if may[RecordAttendance] and roll_call_refusal(seance, self.now) is None:
            found.append((_("Roll call"), "@@roll-call", "primary"))
        if notified:
            found.append((_("Notify again"), "@@renotify", "outline-primary"))
        if self.data["counts"]["paper"]:
            found.append((_("Paper mail"), "@@courrier-papier", "outline-primary"))
        if self.started() and may["Modify portal content"]:
            label = _("Replace the minutes") if self.minutes() else _("Add the minutes")
            found.append((label, "@@proces-verbal", "outline-primary"))
        if may_publish(seance):  # « Plus tard, à la main », and the time has come
            found.append((_("Publish the agenda"), "@@publier-ordre-du-jour", "outline-primary"))
        if offered(seance, "archive"):
            found.append((_("File the séance"), "@@classer", "outline-primary"))
        if offered(seance, "cancel"):
            found.append((_("Cancel the séance"), "@@annuler", "outline-danger"))
        return [
            {"label": api.portal.translate(label), "url": f"{url}/{view}", "style": style}
            for label, view, style in found
        ]

    def downloads(self):
        """The séance's files and records, for its agents in every state."""
        url = self.context.absolute_url()
        found = []
        if self.sent():
            found += [
                (_("Delivery of the mails"), "@@deliveries"),
                (_("Attendance sheet (PDF)"), "@@emargement.pdf"),
                (_("Attendance sheet (CSV)"), "@@emargement.csv"),
            ]
        found += [
            (_("Dossier (PDF)"), "@@dossier.pdf"),
            (_("Documents (zip)"), "@@dossier.zip"),
            (_("Evidence journal"), "@@journal"),
        ]
        return [
            {"label": api.portal.translate(label), "url": f"{url}/{view}"} for label, view in found
        ]
