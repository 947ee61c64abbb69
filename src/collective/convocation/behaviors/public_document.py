"""« Document public »: a File an agent shows on the public agenda of its séance.

Only the annexes of a public agenda item, and the séance's own Files, ever
reach the public agenda (operations/public_agenda.py); elsewhere the field
changes nothing.
"""

from collective.convocation import _
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from zope import schema
from zope.interface import provider


PUBLIC_DOCUMENT = "collective.convocation.public_document"  # its name in a type's behaviors


@provider(IFormFieldProvider)
class IPublicDocument(model.Schema):
    public_document = schema.Bool(
        title=_("Public document"),
        description=_(
            "Anyone can download it from the public agenda of the séance, once the agenda is "
            "published (for an annex, if its item is public)."
        ),
        default=False,
        required=False,
    )
