"""The officials' side in the browser: « Mes convocations », the panel on a séance, their answers."""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.convocation import recipient_id
from collective.convocation.content.seance import ISeance
from collective.convocation.core.dates import day_and_time
from collective.convocation.core.documents import item_title
from collective.convocation.core.documents import SEANCE_FILES
from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.answers import allowed_attendances
from collective.convocation.operations.answers import answer
from collective.convocation.operations.answers import AnswerRefused
from collective.convocation.operations.answers import is_open
from collective.convocation.operations.answers import may_acknowledge
from collective.convocation.operations.answers import proxy_candidates
from collective.convocation.operations.answers import shows_documents
from collective.convocation.operations.my_convocations import my_convocations
from collective.convocation.operations.people import full_name
from collective.convocation.privacy.notices import collectivities_of
from collective.convocation.privacy.notices import notice_url
from collective.convocation.schemas import BadInput
from collective.convocation.schemas import IAttendance
from collective.convocation.schemas import read
from collective.convocation.vocabularies import attendances
from collective.convocation.vocabularies import term_title
from datetime import datetime
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.base.interfaces import IRedirectAfterLogin
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.interface import implementer


def attendance_title(value, context):
    return term_title(attendances, value, context)


class MyConvocationsView(BrowserView):
    """« Mes convocations »: every convocation of the user, upcoming first."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Mes convocations")
        return self.index()

    periods = (("upcoming", _("Upcoming séances")), ("past", _("Past and archived séances")))

    def items(self, period):
        rows = []
        for item in my_convocations(api.user.get_current().getId(), period):
            rows.append(
                {
                    **item,
                    "when": day_and_time(datetime.fromisoformat(item["seance"]["start"])),
                    "status": self.status(item),
                }
            )
        return rows

    def status(self, item):
        if not item["received"]:
            return api.portal.translate(_("To acknowledge"))
        if item["attendance"] == "unanswered":
            return api.portal.translate(_("Receipt acknowledged"))
        answered = attendance_title(item["attendance"], self.context)
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


class RecipientPanel(ViewletBase):
    """On a séance, for its recipient: the receipt button, then the documents and the attendance form."""

    def update(self):
        super().update()
        userid = None if api.user.is_anonymous() else api.user.get_current().getId()
        self.convocation = self.context.get(recipient_id(userid)) if userid else None
        self.allowed = allowed_attendances(self.convocation) if self.convocation is not None else []

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

    def choices(self):
        return [
            {
                "value": value,
                "title": attendance_title(value, self.context),
                "checked": value == self.convocation.attendance,
            }
            for value in self.allowed
        ]

    def candidates(self):
        if "proxy" not in self.allowed:
            return []
        return [
            {"id": userid, "title": name, "selected": userid == self.convocation.proxy_holder}
            for userid, name in proxy_candidates(self.convocation)
        ]

    def answered(self):
        value = self.convocation.attendance
        if value == "unanswered":
            return None
        title = attendance_title(value, self.context)
        if value == "proxy" and self.convocation.proxy_holder:
            title = f"{title} : {full_name(self.convocation.proxy_holder)}"
        return title

    def history(self):
        return [
            {
                "when": day_and_time(datetime.fromisoformat(entry["at"])),
                "answer": attendance_title(entry["attendance"], self.context)
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
                    {"title": title, "url": f"{url}/@@download/{field}", "children": []}
                )
        for item in _children(seance, ["AgendaItem", "File"]):
            obj = item.getObject()
            if item.portal_type == "AgendaItem":
                documents.append(
                    {
                        "title": item_title(obj.number, obj.title),
                        "rapporteur": full_name(obj.rapporteur) if obj.rapporteur else "",
                        "url": f"{obj.absolute_url()}/@@download/main_file"
                        if obj.main_file
                        else None,
                        "children": [
                            {"title": annex.Title, "url": f"{annex.getURL()}/@@download/file"}
                            for annex in _children(obj, "File")
                        ],
                    }
                )
            else:
                documents.append(
                    {"title": item.Title, "url": f"{item.getURL()}/@@download/file", "children": []}
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

    def back(self, message, kind="info"):
        api.portal.show_message(message, self.request, type=kind)
        return self.request.response.redirect(ancestor(self.context, ISeance).absolute_url())

    def refused(self, refused):
        """A rule's refusal: back with its message; not the recipient (operations say so), Unauthorized."""
        if refused.status == 403:
            raise Unauthorized(refused.message)
        return self.back(refused.message, "error")


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
        try:
            data = read(self.request.form, IAttendance)  # the schema POST @attendance reads
            answer(self.context, data["attendance"], data["proxy_holder"] or None)
        except BadInput as refused:
            return self.back(refused.message, "error")
        except AnswerRefused as refused:
            return self.refused(refused)
        return self.back(_("Your answer is recorded."))


@implementer(IRedirectAfterLogin)
class ToMyConvocations:
    """Officials land on « Mes convocations » after logging in, unless they were going somewhere."""

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self, came_from=None, is_initial_login=False):
        portal_url = api.portal.get().absolute_url()
        if came_from and came_from.rstrip("/") not in (portal_url, f"{portal_url}/login"):
            return came_from
        user = api.user.get_current()
        if api.content.find(convocation_recipient=user.getId(), sort_limit=1):
            return f"{portal_url}/@@mes-convocations"
        return came_from
