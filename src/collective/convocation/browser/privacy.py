"""The personal data pages: a collectivity's notice, its acknowledgement, « Mes données »."""

from collective.convocation import _
from collective.convocation.operations.documents import attachment
from collective.convocation.privacy import notices
from collective.convocation.privacy.anonymise import retention_months
from collective.convocation.privacy.my_data import personal_data
from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.protect import CheckAuthenticator
from plone.uuid.interfaces import IUUID
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import Unauthorized

import json


def paragraphs(text):
    return [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]


class NoticeView(BrowserView):
    """<collectivity>/@@donnees-personnelles: the notice and the DPO's contact, public.

    Public because the notice is owed to whoever's data is processed before
    they can log in (the new account's mail links to it), and because the
    DPO's contact is published by law (RGPD art. 37.7).
    """

    def __init__(self, context, request):
        super().__init__(context, request)
        # Drawn on the portal: the header, the title and the navigation are the viewlets of a
        # context the reader may view, and the collectivity itself is not public.
        self.collectivity, self.context = context, api.portal.get()

    def notice(self):
        return paragraphs(notices.notice_text(self.collectivity))

    def dpo(self):
        return notices.dpo_contact(self.collectivity)

    def retention(self):
        """How long, as art. 13 RGPD asks: said by the page, whatever the collectivity's own text."""
        return api.portal.translate(
            _(
                "Your name and contact data (email, phone, address) are anonymised ${months} "
                "months after your last mandate or function ended. The records of the séances "
                "(convocations, receipts, answers, attendance sheets, evidence journal) are kept "
                "as public archives.",
                mapping={"months": retention_months()},
            )
        )

    def my_data_url(self):
        if api.user.is_anonymous():
            return None
        return f"{api.portal.get().absolute_url()}/@@mes-donnees"


class PendingNoticeViewlet(ViewletBase):
    """Above the content, until the official acknowledges it: the notices he has not read yet.

    A notice in the page, not a redirect: nothing a REST client or a
    bookmark asks for is held up by it.
    """

    def update(self):
        super().update()
        self.pending = []
        if api.user.is_anonymous():
            return
        userid = api.user.get_current().getId()
        self.pending = [
            {
                "uid": IUUID(collectivity),
                "title": collectivity.title,
                "notice": paragraphs(notices.notice_text(collectivity)),
                "url": notices.notice_url(collectivity),
            }
            for collectivity in notices.pending(userid)
        ]

    def available(self):
        return bool(self.pending)

    def action(self):
        return f"{api.portal.get().absolute_url()}/@@acknowledge-privacy-notice"

    def came_from(self):
        return self.request.get("ACTUAL_URL", "")


class AcknowledgeView(BrowserView):
    """POST: the current user has read the notices shown to him; back where he was."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST")
        CheckAuthenticator(self.request)
        if api.user.is_anonymous():
            raise Unauthorized("Connectez-vous pour prendre connaissance de la notice.")
        userid = api.user.get_current().getId()
        shown = self.request.form.get("collectivity") or []
        if isinstance(shown, str):
            shown = [shown]
        # Only the notices that concern him: nobody writes into another collectivity.
        for collectivity in notices.pending(userid):
            if IUUID(collectivity) in shown:
                notices.acknowledge(collectivity, userid)
        api.portal.show_message(
            _("Thank you: you have read the personal data notice."), self.request
        )
        came_from = self.request.form.get("came_from") or ""
        portal_url = api.portal.get_tool("portal_url")
        if not came_from or not portal_url.isURLInPortal(came_from):
            came_from = api.portal.get().absolute_url()
        return self.request.response.redirect(came_from)


class MyDataView(BrowserView):
    """@@mes-donnees: the current user's personal data, as a JSON file to save."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Mes données")
        data = personal_data(api.user.get_current())
        return attachment(
            self.request.response,
            json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"),
            "application/json; charset=utf-8",
            "mes-donnees.json",
        )
