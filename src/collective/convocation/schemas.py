"""The input of the actions both faces take: one schema each, for the form and the REST service alike.

A browser form validates its schema through z3c.form; a REST service and a
plain view read a mapping (the JSON body, ``request.form``) against the same
schema with ``read``: each field the type, the length and the choices the
schema gives it, anything else an error that names the field, in French,
never the value sent. The rules of the action itself (who may answer, which
answers a séance offers...) are the operations' own refusals.
"""

from collective.convocation import _
from collective.convocation.behaviors.mail_templates import known_tags_only
from dataclasses import dataclass
from plone.supermodel import model
from zope import schema
from zope.i18nmessageid import Message
from zope.interface import Invalid
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


USER_ID = 100  # a user id: the refusals name it, so it stays short
CHOICE = 40  # a value from a vocabulary
CLOCK = 10  # a time of day, « 18:35 »


class BadInput(ValueError):
    """Refused input: a msgid and its mapping, translated when shown."""

    def __init__(self, msgid, **mapping):
        super().__init__(msgid)
        self.message = Message(msgid, mapping=mapping) if mapping else msgid


@dataclass(frozen=True)
class Text:
    """A text field: absent or null reads as ``default``."""

    max_length: int = 200
    required: bool = False
    choices: tuple = ()
    default: str | None = None


def check_fields(data, fields: dict[str, Text]) -> dict:
    """Each of ``fields`` read from ``data``, checked; other keys are ignored."""
    checked = {}
    for name, field in fields.items():
        value = data.get(name)
        if value is None:
            if field.required:
                raise BadInput(_("The field « ${field} » is required."), field=name)
            checked[name] = field.default
            continue
        if not isinstance(value, str):
            raise BadInput(_("The field « ${field} » must be a text."), field=name)
        if len(value) > field.max_length:
            raise BadInput(
                _("The field « ${field} » is too long (${max} characters at most)."),
                field=name,
                max=field.max_length,
            )
        if field.choices and value not in field.choices:
            raise BadInput(
                _("The field « ${field} » takes one of: ${choices}."),
                field=name,
                choices=", ".join(field.choices),
            )
        checked[name] = value
    return checked


def fields_of(interface, **defaults) -> dict[str, Text]:
    """The text fields of a schema, as ``check_fields`` reads them.

    A field given a default here (or having one in the schema) may be absent:
    the caller then says in its own words what is missing.
    """
    fields = {}
    for name, field in schema.getFieldsInOrder(interface):
        default = defaults.get(name, field.default)
        choices = (
            tuple(term.value for term in field.vocabulary) if IChoice.providedBy(field) else ()
        )
        fields[name] = Text(
            max_length=getattr(field, "max_length", None) or Text.max_length,
            required=field.required and default is None,
            choices=choices,
            default=default,
        )
    return fields


def read(data, interface, **defaults) -> dict:
    """The fields of ``interface`` read from the mapping ``data``; BadInput otherwise."""
    return check_fields(data, fields_of(interface, **defaults))


def refusal(interface, data: dict):
    """What the schema's own constraints (the form's) refuse in ``data``, or None."""
    for name, value in data.items():
        try:
            interface[name].validate(value)
        except ValidationError:
            return Message(_("The field « ${field} » is not valid."), mapping={"field": name})
        except Invalid as refused:  # a constraint that says why
            return refused.args[0]
    return None


AUDIENCES = SimpleVocabulary(
    [
        SimpleTerm("all", "all", _("All the recipients")),
        SimpleTerm(
            "unacknowledged", "unacknowledged", _("Those who have not acknowledged receipt")
        ),
    ]
)


class IRenotify(model.Schema):
    """« Notifier à nouveau »: @@renotify and POST @renotify."""

    # A renotification's message is the largest text a service takes (services/body.py's MAX_BODY).
    subject = schema.TextLine(title=_("Subject"), max_length=300, constraint=known_tags_only)
    message = schema.Text(
        title=_("Message"),
        description=_("The tags (#prenom#, #dateseance#…) are replaced for each recipient."),
        max_length=100_000,
        constraint=known_tags_only,
    )
    audience = schema.Choice(title=_("Send to"), vocabulary=AUDIENCES, default="all")


class IAttendance(model.Schema):
    """An official's answer: @@attendance and POST @attendance.

    A text, not a choice: which answers a séance offers is the rules'
    refusal (operations.answers), in their words.
    """

    attendance = schema.TextLine(title=_("Attendance"), max_length=CHOICE)
    proxy_holder = schema.TextLine(title=_("Proxy holder"), max_length=USER_ID, required=False)


class IRollCall(model.Schema):
    """« Appel »: one mark of @@roll-call and of POST @roll-call; an empty ``actual`` clears it.

    The times are « 18:35 » on the séance's day, in Paris: "" clears one, absent keeps it.
    """

    recipient = schema.TextLine(title=_("Recipient"), max_length=USER_ID)
    actual = schema.TextLine(
        title=_("Actual attendance"), max_length=CHOICE, required=False, default=""
    )
    arrived_at = schema.TextLine(title=_("Arrival"), max_length=CLOCK, required=False)
    left_at = schema.TextLine(title=_("Departure"), max_length=CLOCK, required=False)
