from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.validators import readable_pdf
from plone.namedfile.interfaces import INamedBlobFileField
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators


class DocumentFileValidator(SimpleFieldValidator):
    """A PDF added to a séance (annex, minutes) must be one the dossier can merge.

    Other files (a spreadsheet, say) are kept: the dossier lists them.
    """

    def validate(self, value):
        super().validate(value)
        if (
            value is None
            or self.field.__name__ != "file"
            or ancestor(self.context, ISeance) is None
        ):
            return
        is_pdf = (getattr(value, "filename", "") or "").lower().endswith(
            ".pdf"
        ) or value.contentType == "application/pdf"
        if is_pdf:
            readable_pdf(value)


WidgetValidatorDiscriminators(DocumentFileValidator, field=INamedBlobFileField)
