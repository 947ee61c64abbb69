"""The agents' tracking worded for a page: the séance's page (seance.py) and the roll call (roll_call.py)."""

from collective.convocation import _
from collective.convocation.core.dates import time_of_day
from collective.convocation.operations.jobs import MAX_ATTEMPTS
from collective.convocation.operations.tracking import tracking
from datetime import datetime
from plone import api
from zope.i18nmessageid import Message


SENDING_RUNNING = {
    "notify": _("Sending in progress: ${done} / ${total}"),
    "renotify": _("Message being sent: ${done} / ${total}"),
    "reminder": _("Reminders being sent: ${done} / ${total}"),
    "cancel": _("Cancellation being announced: ${done} / ${total}"),
}
SENDING_PREPARED = _("Sending in progress: listing the recipients")
SENDING_DONE = {
    "notify": _("Sending finished: ${done} / ${total}"),
    "renotify": _("Message sent: ${done} / ${total}"),
    "reminder": _("Reminders sent: ${done} / ${total}"),
    "cancel": _("Cancellation announced: ${done} / ${total}"),
}


class TrackingMixin:
    """The tracking of the context séance, worded for a page."""

    def update_tracking(self):
        self.data = tracking(self.context)
        self.quorum = self.data["quorum"]
        self.notice = self.data["notice"]

    def figures(self):
        """(label, number) pairs above the table."""
        counts = self.data["counts"]
        labels = (
            ("recipients", _("Recipients")),
            ("sent", _("Emailed")),
            ("delivered", _("Delivered")),
            ("received", _("Receipts")),
            ("answered", _("Answers")),
            ("present", _("Present")),
            ("remote", _("Remote")),
            ("absent", _("Absent")),
            ("proxies", _("Proxies")),
            ("replaced", _("Replaced by the deputy")),
            ("unreachable", _("Unreachable")),
            ("paper", _("Paper")),
        )
        return [(api.portal.translate(label), counts[key]) for key, label in labels]

    def sending(self):
        """The last sending's progress worded: a headline, its failures, whether it still runs; or None."""
        found = self.data["sending"]
        if found is None:
            return None
        running = found["state"] == "running"
        headline = SENDING_RUNNING if running else SENDING_DONE
        mapping = {"done": found["done"], "total": found["total"]}
        errors = []
        for error in found["errors"]:
            retry = error["retry_at"]
            errors.append(
                api.portal.translate(
                    _(
                        "${name}: ${error} (attempt ${attempts} of ${max}) — tried again at ${when}.",
                        mapping={
                            **error,
                            "max": MAX_ATTEMPTS,
                            "when": time_of_day(datetime.fromisoformat(retry)),
                        },
                    )
                    if retry
                    else _(
                        "${name}: ${error} — not sent after ${attempts} attempts.",
                        mapping=error,
                    )
                    if error["attempts"] >= MAX_ATTEMPTS
                    else _("${name}: ${error} — not sent.", mapping=error)
                )
            )
        if found["total"] is None:  # the worker has not listed the recipients yet
            headline = {found["kind"]: SENDING_PREPARED}
        return {
            "running": running,
            "text": api.portal.translate(
                Message(headline.get(found["kind"], headline["notify"]), mapping=mapping)
            ),
            "errors": errors,
        }

    def notice_text(self):
        notice = self.notice
        if notice["given"] is None:
            return api.portal.translate(
                _(
                    "Not sent yet. Notice required: ${required} clear days.",
                    mapping={"required": notice["required"]},
                )
            )
        mapping = {"given": notice["given"], "required": notice["required"]}
        if notice["respected"]:
            text = _(
                "Notice respected: ${given} clear days given, ${required} required.",
                mapping=mapping,
            )
        else:
            text = _(
                "Notice NOT respected: ${given} clear days given, ${required} required.",
                mapping=mapping,
            )
        return api.portal.translate(text)

    def quorum_texts(self):
        quorum = self.quorum
        if quorum["rule"] != "majority":
            return [api.portal.translate(_("This assembly has no quorum."))]
        mapping = {
            "required": quorum["required"],
            "members": quorum["members_in_office"],
            "present": quorum["present"],
            "remote": quorum["remote"],
            "in_the_room": quorum["in_the_room"],
        }

        def verdict(reached):
            return api.portal.translate(_("reached") if reached else _("not reached"))

        texts = [
            _("Quorum: ${required} of ${members} members in office.", mapping=mapping),
            _(
                "Announced: ${present} present, ${remote} remote.",
                mapping=mapping,
            ),
            _(
                "Forecast without remote attendance: ${verdict}.",
                mapping={"verdict": verdict(quorum["reached_without_remote"])},
            ),
            _(
                "Forecast with remote attendance: ${verdict}.",
                mapping={"verdict": verdict(quorum["reached_with_remote"])},
            ),
            _("Remote attendance counts for the quorum of this assembly.")
            if quorum["remote_counts"]
            else _("Remote attendance does not count for the quorum of this assembly."),
            _(
                "Roll call: ${in_the_room} in the room, quorum ${verdict}.",
                mapping={**mapping, "verdict": verdict(quorum["reached_in_the_room"])},
            ),
        ]
        return [api.portal.translate(text) for text in texts]
