from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.interfaces import IBrowserLayer
from collective.convocation.validators import mergeable_document
from plone.app.contenttypes.interfaces import IFile
from plone.namedfile.interfaces import INamedBlobFileField
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer


@implementer(IFieldDeserializer)
@adapter(INamedBlobFileField, IFile, IBrowserLayer)
class SeanceDocumentDeserializer(NamedFieldDeserializer):
    """A file posted, patched or uploaded (TUS) into a séance is checked as the forms check it.

    plone.restapi validates a field's own constraints, and File's has none.
    Refused here, before anything is stored, the file gets the API's answer
    to any invalid field: 400 with the reason, in French.
    """

    def __call__(self, value):
        value = super().__call__(value)
        if value is not None and ancestor(self.context, ISeance) is not None:
            mergeable_document(value)
        return value
