from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.content.validators import mergeable_document
from collective.convocation.content.validators import Refused
from collective.convocation.interfaces import IBrowserLayer
from plone import api
from plone.app.content.browser.file import FileUploadView
from plone.app.layout.viewlets import ViewletBase
from plone.formwidget.namedfile import utils as namedfile_utils
from plone.formwidget.namedfile.widget import NamedFileWidget
from plone.namedfile.interfaces import INamedBlobFileField
from plone.namedfile.interfaces import INamedFileField
from types import SimpleNamespace
from z3c.form.interfaces import IDataManager
from z3c.form.interfaces import IFieldWidget
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.interface import implementer

import json
import mimetypes


class DocumentFileValidator(SimpleFieldValidator):
    """A PDF added to a séance (annex, minutes) must be one the dossier can merge.

    The REST API's twin is services/documents.
    """

    def validate(self, value):
        super().validate(value)
        if (
            value is None
            or self.field.__name__ != "file"
            or ancestor(self.context, ISeance) is None
        ):
            return
        mergeable_document(value)


WidgetValidatorDiscriminators(DocumentFileValidator, field=INamedBlobFileField)


class RefusedUploadForgottenWidget(NamedFileWidget):
    """plone.formwidget.namedfile's file widget, which forgets a refused upload.

    After an error on its field, the stock widget shows the refused file as
    « Garder le fichier existant » and keeps it for the next submission: the
    person saves again and meets the same refusal, or thinks it is stored.
    Here the widget shows what is stored (the file the object had, or none:
    then no « keep » choice at all) and the refused upload is dropped.
    """

    def _refused_upload(self):
        return self.error is not None and (
            namedfile_utils.is_file_upload(self.value) or self.value is not self._stored()
        )

    def _stored(self):
        if self.ignoreContext or self.field is None or self.context is None:
            return None
        manager = queryMultiAdapter((self.context, self.field), IDataManager)
        return manager.query(None) if manager is not None else None

    @property
    def file_upload_id(self):
        if self.error is not None:
            return ""  # a refused upload is not kept for the next submission
        return super().file_upload_id

    def action(self):
        if self.error is not None:
            return "nochange"
        return super().action()

    def render(self):
        if self._refused_upload():
            self.value = self._stored()
        return super().render()


@implementer(IFieldWidget)
@adapter(INamedFileField, IBrowserLayer)
def RefusedUploadForgottenFieldWidget(field, request):
    return FieldWidget(field, RefusedUploadForgottenWidget(request))


class ErrorTabViewlet(ViewletBase):
    """On an add or edit form back with errors: a line of script opening the tab that holds the first one.

    Plone 6's tabs (pat-autotoc) mark a tab with an error but open the first
    one: the person sees no error and saves again.
    """

    def has_errors(self):
        form = getattr(self.view, "form_instance", None) or self.view
        widgets = getattr(form, "widgets", None)
        groups = getattr(form, "groups", ()) or ()
        return bool(
            (widgets is not None and widgets.errors)
            or any(getattr(group.widgets, "errors", None) for group in groups)
        )


class CheckedFileUploadView(FileUploadView):
    """Folder contents' and the dropzone's upload (``@@fileUpload``) into a séance or an agenda item.

    plone.app.content stores whatever comes: here the file is refused, as the
    forms and the REST API refuse it, when it is empty or claims to be a PDF
    the dossier cannot merge. The answer is a 400 with the French reason.
    """

    def __call__(self):
        upload = self.request.form.get("file")
        if self.request.REQUEST_METHOD == "POST" and upload is not None:
            problem = upload_problem(upload)
            if problem is not None:
                self.request.response.setStatus(400)
                self.request.response.setHeader("Content-Type", "application/json; charset=utf-8")
                return json.dumps({"error": api.portal.translate(problem)})
        return super().__call__()


def upload_problem(upload):
    """Why a form upload (a ZPublisher FileUpload) cannot go into a séance, or None."""
    data = upload.read()
    upload.seek(0)
    if not data:
        return _("The file is empty.")
    filename = getattr(upload, "filename", "") or ""
    document = SimpleNamespace(
        filename=filename, contentType=mimetypes.guess_type(filename)[0] or "", data=data
    )
    try:
        mergeable_document(document)
    except Refused as refused:
        return refused.doc()
    return None
