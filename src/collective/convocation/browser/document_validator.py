from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.validators import mergeable_document
from plone.namedfile.interfaces import INamedBlobFileField
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators


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
