"""The officials' side in the browser: « Mes convocations », the panel on a séance, their answers."""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.seance import ISeance
from collective.convocation.core.convocation_link import anchor
from collective.convocation.core.convocation_link import is_my_convocations
from collective.convocation.core.convocation_link import link as my_convocations_link
from collective.convocation.core.convocation_link import named_uid
from collective.convocation.core.convocation_link import page_url
from collective.convocation.core.dates import day_and_time
from collective.convocation.core.documents import item_title
from collective.convocation.core.documents import SEANCE_FILES
from collective.convocation.core.mail.ics import seance_ics
from collective.convocation.core.wording import agreed
from collective.convocation.core.wording import attendance_word
from collective.convocation.core.wording import of
from collective.convocation.core.wording import weekday_and_time
from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import answer
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.answers import is_open
from collective.convocation.operations.answers import may_acknowledge
from collective.convocation.operations.answers import offered_attendances
from collective.convocation.operations.answers import proxies_held
from collective.convocation.operations.answers import proxy_candidates
from collective.convocation.operations.answers import shows_documents
from collective.convocation.operations.documents import send_dossier
from collective.convocation.operations.mails import portal_host
from collective.convocation.operations.mails import sender_of
from collective.convocation.operations.minutes import minutes_of
from collective.convocation.operations.minutes import MINUTES_TITLE
from collective.convocation.operations.my_convocations import cancellation_reason
from collective.convocation.operations.my_convocations import my_convocations
from collective.convocation.operations.people import full_name
from collective.convocation.operations.people import person
from collective.convocation.privacy.notices import collectivities_of
from collective.convocation.privacy.notices import notice_url
from collective.convocation.schemas import BadInput
from collective.convocation.schemas import IAttendance
from collective.convocation.schemas import read
from datetime import datetime
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.app.layout.viewlets.common import GlobalSectionsViewlet
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zExceptions import BadRequest
from zExceptions import Unauthorized


def civility_of(userid=None):
    """The civility of ``userid`` (the current user by default), as stored: « Mme », « M. » or ''."""
    user = api.user.get(userid=userid) if userid else api.user.get_current()
    return (user and user.getProperty("civility", "")) or ""


def attendance_title(value, civility=""):
    """The answer in French, agreeing with the official's civility."""
    return attendance_word(value, civility)


class MyConvocationsView(BrowserView):
    """« Mes convocations »: every convocation of the user, upcoming first.

    ``?convocation=<uid>`` (the mail's link) names one of hers: its card comes first, marked,
    with the id the login's landing scrolls to. A UID not hers is ignored.
    """

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Mes convocations")
        return self.index()

    @memoize
    def named(self):
        """The named convocation, if the user's: {"uid", "url", "anchor"}, else None."""
        uid = named_uid(self.request.form.get("convocation"))
        if uid is None:
            return None
        brains = api.content.find(UID=uid, convocation_recipient=api.user.get_current().getId())
        if not brains:
            return None
        return {"uid": uid, "url": brains[0].getURL(), "anchor": anchor(uid)}

    def came_from(self):
        """Where the cards' receipt buttons come back to."""
        return page_url(api.portal.get().absolute_url())

    periods = (("upcoming", _("Upcoming séances")), ("past", _("Past and archived séances")))

    def badge(self, item):
        if item["seance"]["state"] == "cancelled":
            return "badge text-bg-danger"
        if not item["received"] and item["seance"]["state"] != "notified":
            return "badge text-bg-secondary"
        return "badge " + ("text-bg-warning" if not item["received"] else "text-bg-success")

    def items(self, period):
        self.civility = civility_of()
        rows = []
        named = self.named()
        for item in my_convocations(api.user.get_current().getId(), period):
            rows.append(
                {
                    **item,
                    "when": day_and_time(datetime.fromisoformat(item["seance"]["start"])),
                    "status": self.status(item),
                    "badge": self.badge(item),
                    "named": named is not None and item["@id"] == named["url"],
                    "awaiting": awaiting_receipt(item),
                }
            )
        rows.sort(key=lambda row: not row["named"])  # stable: the others keep their order
        return rows

    def status(self, item):
        if item["seance"]["state"] == "cancelled":
            return api.portal.translate(_("Cancelled"))
        if not item["received"] and item["seance"]["state"] != "notified":
            return api.portal.translate(_("Receipt not acknowledged"))
        if awaiting_receipt(item):
            return api.portal.translate(_("To acknowledge"))
        if item["attendance"] == "unanswered":
            return api.portal.translate(_("Receipt acknowledged"))
        answered = attendance_title(item["attendance"], self.civility)
        if item["attendance"] == "proxy" and item["proxy_holder"]:
            answered = f"{answered} : {full_name(item['proxy_holder'])}"
        return api.portal.translate(_("Answered: ${answer}", mapping={"answer": answered}))

    def privacy(self):
        """The notices of the user's collectivities, and where to download his data."""
        userid = api.user.get_current().getId()
        return {
            "notices": [
                {"title": collectivity.title, "url": notice_url(collectivity)}
                for collectivity in collectivities_of(userid)
            ],
            "my_data": f"{api.portal.get().absolute_url()}/@@mes-donnees",
        }


def awaiting_receipt(item):
    """A card of « Mes convocations » whose receipt is still to give: « À accuser réception »."""
    return not item["received"] and item["seance"]["state"] == "notified"


def has_convocations(userid):
    return bool(api.content.find(convocation_recipient=userid, sort_limit=1))


class SectionsWithMyConvocations(GlobalSectionsViewlet):
    """The main navigation, with « Mes convocations » for those convoked: on a phone, in its menu, labelled."""

    @property
    @memoize
    def portal_tabs(self):
        tabs = list(super().portal_tabs)
        if not api.user.is_anonymous() and has_convocations(api.user.get_current().getId()):
            title = api.portal.translate(_("My convocations"))
            # right after « Accueil »: never pushed out of sight by the site's own sections
            tabs.insert(
                1,
                {
                    "id": "mes-convocations",
                    "url": f"{api.portal.get().absolute_url()}/@@mes-convocations",
                    "name": title,
                    "title": title,
                    "description": "",
                },
            )
        return tabs


class RecipientPanel(ViewletBase):
    """On a séance, for its recipient: the receipt button, then the documents and the attendance form."""

    def update(self):
        super().update()
        userid = None if api.user.is_anonymous() else api.user.get_current().getId()
        self.convocation = self.context.get(recipient_id(userid)) if userid else None
        self.allowed = offered_attendances(self.convocation) if self.convocation is not None else []
        self.civility = civility_of(userid) if userid else ""
        # After a refused answer, the form shows again what was sent (AttendanceView).
        form = self.request.form
        self.sent = {
            "attendance": form.get("attendance")
            if isinstance(form.get("attendance"), str)
            else None,
            "proxy_holder": form.get("proxy_holder")
            if isinstance(form.get("proxy_holder"), str)
            else None,
        }

    def available(self):
        return self.convocation is not None

    def received(self):
        return day_and_time(self.convocation.received_at) if self.convocation.received_at else None

    def open(self):
        return is_open(self.convocation)

    def can_acknowledge(self):
        return may_acknowledge(self.convocation)

    def shows_documents(self):
        return shows_documents(self.convocation)

    def cancelled(self):
        """A cancelled séance: {"reason": the cancel's comment}, else None."""
        if api.content.get_state(self.context) != "cancelled":
            return None
        return {"reason": cancellation_reason(self.context)}

    def deadline(self):
        """« mardi 15 décembre 2026 à 18h30 »: answers change until the séance starts."""
        return weekday_and_time(self.context.start)

    def will_you_attend(self):
        return api.portal.translate(
            _(
                "Will you be ${present}?",
                mapping={"present": agreed("présent", "présente", self.civility)},
            )
        )

    def held(self):
        """The colleagues whose proxy the official holds: their full names."""
        return [name for _userid, name in proxies_held(self.convocation)]

    def held_of(self):
        """« d'Odile Officielle »: the givers, after « le pouvoir »."""
        return of(", ".join(self.held()))

    def choices(self):
        chosen = self.sent["attendance"] or self.convocation.attendance
        return [
            {
                "value": value,
                "title": attendance_title(value, self.civility),
                "checked": value == chosen,
            }
            for value in self.allowed
        ]

    def candidates(self):
        if "proxy" not in self.allowed:
            return []
        chosen = self.sent["proxy_holder"] or self.convocation.proxy_holder
        return [
            {"id": userid, "title": name, "selected": userid == chosen}
            for userid, name in proxy_candidates(self.convocation)
        ]

    def answered(self):
        value = self.convocation.attendance
        if value == "unanswered":
            return None
        title = attendance_title(value, self.civility)
        if value == "proxy" and self.convocation.proxy_holder:
            title = f"{title} : {full_name(self.convocation.proxy_holder)}"
        return title

    def history(self):
        return [
            {
                "when": day_and_time(datetime.fromisoformat(entry["at"])),
                "answer": attendance_title(entry["attendance"], self.civility)
                + (f" : {full_name(entry['proxy_holder'])}" if entry["proxy_holder"] else ""),
            }
            for entry in reversed(self.convocation.history or ())
        ]

    def documents(self):
        """The séance's documents, in the dossier's order and under its titles."""
        seance = self.context
        url = seance.absolute_url()
        documents = []
        for field, title in SEANCE_FILES:
            if getattr(seance, field, None) is not None:
                documents.append(
                    {"title": title, "url": f"{url}/@@display-file/{field}", "children": []}
                )
        for item in _children(seance, ["AgendaItem", "File"]):
            obj = item.getObject()
            if item.portal_type == "AgendaItem":
                documents.append(
                    {
                        "title": item_title(obj.number, obj.title),
                        "rapporteur": full_name(obj.rapporteur) if obj.rapporteur else "",
                        "url": f"{obj.absolute_url()}/@@display-file/main_file"
                        if obj.main_file
                        else None,
                        "children": [
                            {"title": annex.Title, "url": f"{annex.getURL()}/@@display-file/file"}
                            for annex in _children(obj, "File")
                        ],
                    }
                )
            else:
                documents.append(
                    {
                        "title": item.Title,
                        "url": f"{item.getURL()}/@@display-file/file",
                        "children": [],
                    }
                )
        # The minutes (procès-verbal) are the recipients' once the séance is filed.
        if minutes_of(seance) is not None and api.content.get_state(seance) == "archived":
            documents.append(
                {
                    "title": MINUTES_TITLE,
                    "url": f"{url}/@@display-file/minutes_file",
                    "children": [],
                }
            )
        return documents


def _children(container, portal_type):
    """What the user may see inside ``container``, in folder order: before the receipt, nothing."""
    return api.content.find(
        context=container, depth=1, portal_type=portal_type, sort_on="getObjPositionInParent"
    )


class ConvocationAction(BrowserView):
    """A POST from the recipient's panel, back to the séance with a message."""

    def check(self):
        if self.request.method != "POST":
            raise BadRequest("POST")
        CheckAuthenticator(self.request)

    def back(self, message, kind="info", query=None):
        """To the séance; ``query``: what was sent, for the form to show it again.

        Posted from « Mes convocations » (its ``came_from``, that page and nothing else): back
        there, this convocation first.
        """
        api.portal.show_message(message, self.request, type=kind)
        portal_url = api.portal.get().absolute_url()
        if is_my_convocations(self.request.form.get("came_from"), portal_url):
            return self.request.response.redirect(
                my_convocations_link(portal_url, self.context.UID())
            )
        url = ancestor(self.context, ISeance).absolute_url()
        if query:
            url = f"{url}?{urlencode(query)}#convocation-panel-title"
        return self.request.response.redirect(url)

    def refused(self, refused, query=None):
        """A rule's refusal: back with its message; not the recipient (operations say so), Unauthorized."""
        if refused.status == 403:
            raise Unauthorized(refused.message)
        return self.back(refused.message, "error", query)


class ReceiptView(ConvocationAction):
    def __call__(self):
        self.check()
        try:
            acknowledge(self.context, via="web")
        except AnswerRefused as refused:
            return self.refused(refused)
        return self.back(_("Your receipt is recorded: the documents are open."))


class AttendanceView(ConvocationAction):
    def __call__(self):
        self.check()
        form = self.request.form
        # What was chosen, kept through a refusal: the panel only checks it against what it offers.
        sent = {
            name: form[name][:200]
            for name in ("attendance", "proxy_holder")
            if isinstance(form.get(name), str) and form[name]
        }
        try:
            data = read(form, IAttendance)  # the schema POST @attendance reads
            answer(self.context, data["attendance"], data["proxy_holder"] or None)
        except BadInput as refused:
            return self.back(refused.message, "error", sent)
        except AnswerRefused as refused:
            return self.refused(refused, sent)
        return self.back(_("Your answer is recorded."))


class MyDossier(BrowserView):
    """« Télécharger tout le dossier »: the séance's merged dossier, for its recipient once the receipt is given."""

    def __call__(self):
        convocation = self.context
        if api.user.is_anonymous() or api.user.get_current().getId() != convocation.recipient:
            raise Unauthorized("dossier")
        if not shows_documents(convocation):
            raise Unauthorized(
                api.portal.translate(_("Acknowledge receipt of the convocation first."))
            )
        return send_dossier(self.request.response, ancestor(convocation, ISeance))


class SeanceCalendar(BrowserView):
    """« Ajouter à mon agenda »: the séance as an iCalendar event, the one its mails carry."""

    def __call__(self):
        convocation = self.context
        seance = ancestor(convocation, ISeance)
        assembly = ancestor(seance, IAssembly)
        collectivity = ancestor(assembly, ICollectivity)
        names = person(convocation.recipient)
        body = seance_ics(
            uid=f"{seance.UID()}@{portal_host()}",  # the mails' UID: calendars update one event
            sequence=seance.ics_sequence or 0,
            start=seance.start,
            end=seance.end,
            summary=f"{assembly.title} — {collectivity.title}",
            location=seance.location or "",
            url=seance.absolute_url(),
            organizer=sender_of(collectivity),
            attendee=(names["fullname"], names["email"] or ""),
            cancelled=api.content.get_state(seance) == "cancelled",
        )
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="seance-{seance.getId()}.ics"'
        )
        return body
