from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.seance import ISeance
from collective.convocation.content.validators import mergeable_document
from collective.convocation.content.validators import Refused
from collective.convocation.interfaces import IBrowserLayer
from plone.app.contenttypes.interfaces import IFile
from plone.dexterity.interfaces import IDexterityContent
from plone.namedfile.interfaces import INamedField
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.services.content.tus import TUSUpload
from zope.component import adapter
from zope.interface import implementer

import binascii


MAX_NAME = 255  # a file name or a content type longer than this is not one


@implementer(IFieldDeserializer)
@adapter(INamedField, IDexterityContent, IBrowserLayer)
class CheckedFileDeserializer(NamedFieldDeserializer):
    """A file sent over REST (POST, PATCH; TUS uploads end here too) is checked before anything is stored.

    plone.restapi stores an upload with empty data as no file at all: a PATCH
    with empty data deleted the séance's convocation. Here an empty upload is
    refused and the stored file kept; ``null`` still removes a file that is
    not required, as plone.restapi documents. A malformed upload (data that is
    not text, base64 that does not decode, an unknown encoding, a name of a
    megabyte) is refused too, instead of an error 500. A file posted into a
    séance that claims to be a PDF must be one the dossier can merge, as the
    forms check it; the séance's own PDF fields check it by their constraint.
    Refused here, the API answers 400 with the reason, in French.
    """

    def __call__(self, value):
        if value is None or (isinstance(value, dict) and "data" not in value):
            return super().__call__(value)  # removal, or the stored file sent back unchanged
        if not isinstance(value, TUSUpload):  # a TUS upload of nothing never completes
            value = self._decoded(value)
        value = super().__call__(value)
        if value is None:  # data that decoded to nothing
            raise Refused(_("The file is empty."))
        if (
            IFile.providedBy(self.context)
            and self.field.__name__ == "file"
            and ancestor(self.context, ISeance) is not None
        ):
            mergeable_document(value)
        return value

    def _decoded(self, value):
        """The upload with its data decoded, once; Refused when malformed."""
        if not isinstance(value, dict):
            raise Refused(
                _("Send the file as an object: data, encoding (base64), filename and content-type.")
            )
        data = value["data"]
        for key in ("filename", "content-type", "encoding"):
            if value.get(key) is not None and (
                not isinstance(value[key], str) or len(value[key]) > MAX_NAME
            ):
                raise Refused(_("The « ${key} » of the file is not valid.", mapping={"key": key}))
        if value.get("encoding") not in (None, "base64", "utf-8", "utf8"):
            raise Refused(_("The file's encoding is base64."))
        if not isinstance(data, str):
            raise Refused(_("The file's data must be a text, encoded in base64."))
        if not data:
            raise Refused(_("The file is empty."))
        if value.get("encoding") == "base64":
            try:  # as lenient as plone.restapi's codecs.decode(data, "base64")
                data = binascii.a2b_base64(data.encode("ascii"))
            except (binascii.Error, UnicodeEncodeError):
                raise Refused(_("The file's data is not valid base64.")) from None
        else:
            data = data.encode("utf-8")
        if not data:  # base64 of nothing, "====" say
            raise Refused(_("The file is empty."))
        return {
            "data": data,
            "filename": value.get("filename"),
            "content-type": value.get("content-type") or "application/octet-stream",
        }
