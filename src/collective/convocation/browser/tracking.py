"""The agents' tracking worded for a page: the séance's page (seance.py) and the roll call (roll_call.py)."""

from collective.convocation import _
from collective.convocation.operations.tracking import tracking
from plone import api


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
