"""The séance's agenda: the section its page embeds, moving an item, several annexes at once."""

from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.content.validators import PDF_MESSAGES
from collective.convocation.core.agenda import moved
from collective.convocation.core.documents import item_title
from collective.convocation.core.pdf import pdf_problem
from collective.convocation.operations.agenda import add_annexes
from collective.convocation.operations.agenda import AgendaRefused
from collective.convocation.operations.agenda import may_add_items
from collective.convocation.operations.agenda import may_reorder
from collective.convocation.operations.agenda import move
from collective.convocation.operations.people import full_name
from plone import api
from plone.memoize.view import memoize
from plone.protect import CheckAuthenticator
from plone.transformchain.interfaces import DISABLE_TRANSFORM_REQUEST_KEY
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.i18nmessageid import Message


def anchor(item):
    """The item's place on the séance page."""
    return f"agenda-{item.getId()}"


def _visible(container, portal_type):
    """What the user may see in ``container``, in folder order (the catalog filters on View)."""
    return [
        brain.getObject()
        for brain in api.content.find(
            context=container, depth=1, portal_type=portal_type, sort_on="getObjPositionInParent"
        )
    ]


class AgendaSection(BrowserView):
    """``@@agenda-section``: the agenda as an HTML fragment for the séance's page.

    Lists only what the user may read: an official sees the items once the
    receipt opened them (local role Reader), agents see everything.
    """

    index = ViewPageTemplateFile("templates/agenda_section.pt")

    def __call__(self):
        if self.request.get("PUBLISHED") is self:
            # Asked for itself (a script, a test): the fragment as it is, not wrapped in a
            # page by the transforms. Embedded in the séance's page, the page keeps them.
            self.request.environ[DISABLE_TRANSFORM_REQUEST_KEY] = True
        return self.index()

    def may_reorder(self):
        return may_reorder(self.context)

    def may_add_items(self):
        return may_add_items(self.context)

    def items(self):
        agenda = _visible(self.context, "AgendaItem")
        numbers = [item.number for item in agenda]
        reorder = self.may_reorder()
        found = []
        for index, item in enumerate(agenda):
            entry = facts(item, reorder)
            # Moves among all the items: a user who sees them all (reorder) sees the real neighbours.
            entry["up"] = reorder and moved(numbers, index, -1) is not None
            entry["down"] = reorder and moved(numbers, index, 1) is not None
            found.append(entry)
        return found


def facts(item, reorder):
    """What the section and the item's page show of an item: its documents the user may read."""
    documents = []
    if item.main_file:
        documents.append(
            {
                "title": api.portal.translate(_("Report")),
                "url": f"{item.absolute_url()}/@@display-file/main_file",
            }
        )
    documents.extend(
        {"title": annex.Title(), "url": f"{annex.absolute_url()}/@@display-file/file"}
        for annex in _visible(item, "File")
        if annex.file
    )
    return {
        "id": item.getId(),
        "anchor": anchor(item),
        "title": item_title(item.number, item.Title()),
        "url": item.absolute_url(),
        "theme": item.theme or "",
        "rapporteur": full_name(item.rapporteur) if item.rapporteur else "",
        "public": item.public is not False,
        "documents": documents,
        "add_annexes": reorder
        and api.user.has_permission("plone.app.contenttypes: Add File", obj=item),
    }


class AgendaItemView(BrowserView):
    """An agenda item's ``view``: its number and title, rapporteur and documents, not Dexterity's raw fields."""

    index = ViewPageTemplateFile("templates/agenda_item.pt")

    def __call__(self):
        return self.index()

    @memoize
    def entry(self):
        seance = ancestor(self.context, ISeance)
        return facts(self.context, seance is not None and may_reorder(seance))

    def back_url(self):
        return f"{ancestor(self.context, ISeance).absolute_url()}#{anchor(self.context)}"


class MoveAgendaItem(BrowserView):
    """``@@move-agenda-item``: « Monter » / « Descendre » an item; back to its place on the séance page."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST")
        CheckAuthenticator(self.request)
        if not may_reorder(self.context):
            raise Unauthorized("move-agenda-item")
        form = self.request.form
        url = self.context.absolute_url()
        try:
            item = move(self.context, form.get("item"), form.get("direction"))
        except AgendaRefused as refused:
            api.portal.show_message(refused.message, self.request, type="error")
            return self.request.response.redirect(f"{url}#seance-agenda")
        message = _("${item} moved up.") if form["direction"] == "up" else _("${item} moved down.")
        api.portal.show_message(
            Message(message, mapping={"item": item_title(item.number, item.Title())}),
            self.request,
        )
        return self.request.response.redirect(f"{url}#{anchor(item)}")


MAX_FILES = 50  # a séance's annexes, not a whole archive at once


class AddAnnexes(BrowserView):
    """``@@ajouter-annexes``: several PDFs at once as the item's annexes, all or none."""

    index = ViewPageTemplateFile("templates/add_annexes.pt")
    errors = ()

    def __call__(self):
        seance = ancestor(self.context, ISeance)
        if seance is None or not may_reorder(seance):
            raise Unauthorized("ajouter-annexes")
        if self.request.method == "POST" and "form.submitted" in self.request.form:
            CheckAuthenticator(self.request)
            uploads = self.uploads()
            self.errors = self.refusals(uploads)
            if not self.errors:
                added = add_annexes(
                    self.context, [(upload.filename, data) for upload, data in uploads]
                )
                api.portal.show_message(
                    Message(
                        _("${count} annexes added.")
                        if len(added) > 1
                        else _("${count} annex added."),
                        mapping={"count": len(added)},
                    ),
                    self.request,
                )
                return self.request.response.redirect(
                    f"{seance.absolute_url()}#{anchor(self.context)}"
                )
            self.request.response.setStatus(400)
        return self.index()

    def title(self):
        return item_title(self.context.number, self.context.Title())

    def back_url(self):
        return f"{ancestor(self.context, ISeance).absolute_url()}#{anchor(self.context)}"

    def uploads(self):
        """(upload, bytes) of every file sent; a field sent empty (no file chosen) is none."""
        sent = self.request.form.get("annexes") or []
        if not isinstance(sent, list):
            sent = [sent]
        found = []
        for upload in sent:
            if not getattr(upload, "filename", None):
                continue
            data = upload.read()
            found.append((upload, data))
        return found

    def refusals(self, uploads):
        """The French reasons, one per refused file: the whole upload is refused then."""
        if not uploads:
            return [api.portal.translate(_("Choose one or more PDF files."))]
        if len(uploads) > MAX_FILES:
            return [
                api.portal.translate(
                    Message(_("Send ${max} files at most at once."), mapping={"max": MAX_FILES})
                )
            ]
        errors = []
        for upload, data in uploads:
            # An annex here is a PDF, checked as the item's report is (content/validators).
            problem = pdf_problem(data)
            if problem:
                errors.append(
                    api.portal.translate(
                        Message(
                            _("« ${file} »: ${reason}"),
                            mapping={
                                "file": upload.filename,
                                "reason": api.portal.translate(PDF_MESSAGES[problem]),
                            },
                        )
                    )
                )
        return errors
