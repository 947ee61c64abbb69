"""Mail templates of a collectivity, overridable per assembly.

One subject and one body per kind of mail; an empty field falls back to the
collectivity's, then to the built-in template (mail/defaults.py).
"""

from collective.convocation import _
from collective.convocation.core.mail.defaults import KINDS
from collective.convocation.core.mail.defaults import TEMPLATES
from collective.convocation.core.mail.tags import TAGS
from collective.convocation.core.mail.tags import unknown_tags
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from plone.supermodel.interfaces import FIELDSETS_KEY
from plone.supermodel.model import Fieldset
from zope import schema
from zope.interface import alsoProvides
from zope.interface import Invalid
from zope.interface.interface import InterfaceClass


LABELS = {
    "convocation": _("Convocation"),
    "invitation": _("Invitation"),
    "renotify": _("New message about a séance"),
    "cancel": _("Cancelled séance"),
    "reminder": _("Reminder"),
    "account": _("New account"),
}
KNOWN_TAGS = " ".join(f"#{tag}#" for tag in TAGS)


def known_tags_only(value):
    unknown = unknown_tags(value)
    if unknown:
        raise Invalid(
            _(
                "Unknown tags: ${unknown}. The tags are: ${known}",
                mapping={"unknown": ", ".join(f"#{tag}#" for tag in unknown), "known": KNOWN_TAGS},
            )
        )
    return True


def _fields():
    fields = {}
    for kind in KINDS:
        subject, body = TEMPLATES[kind]
        fields[f"{kind}_subject"] = schema.TextLine(
            title=_("${kind}: subject", mapping={"kind": LABELS[kind]}),
            description=_("Empty: « ${default} »", mapping={"default": subject}),
            constraint=known_tags_only,
            required=False,
        )
        fields[f"{kind}_body"] = schema.Text(
            title=_("${kind}: message", mapping={"kind": LABELS[kind]}),
            description=_(
                "Empty: the default message. Tags: ${tags}", mapping={"tags": KNOWN_TAGS}
            ),
            constraint=known_tags_only,
            required=False,
        )
    return fields


IMailTemplates = InterfaceClass(
    "IMailTemplates",
    (model.Schema,),
    _fields(),
    __doc__="Mail templates, one subject and message per kind of mail.",
    __module__=__name__,
)
IMailTemplates.setTaggedValue(
    FIELDSETS_KEY,
    [Fieldset("mail", label=_("Emails"), fields=list(IMailTemplates.names(all=False)))],
)
alsoProvides(IMailTemplates, IFormFieldProvider)


def template_for(kind, assembly, collectivity):
    """(subject, body) for ``kind``: the assembly's, else the collectivity's, else the built-in."""
    default_subject, default_body = TEMPLATES[kind]
    subject = body = None
    for holder in (assembly, collectivity):
        subject = subject or getattr(holder, f"{kind}_subject", None)
        body = body or getattr(holder, f"{kind}_body", None)
    return subject or default_subject, body or default_body
