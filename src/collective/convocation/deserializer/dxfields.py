"""Field deserializers of plone.restapi, made to refuse a value of the wrong type in French.

plone.restapi answers some wrong types with a 500 (a dict in a list of
choices: « unhashable type »), and others with an English error that repeats
the value (int()'s message, « Invalid date: … »). Each check here comes
before plone.restapi's own conversion, which then runs unchanged.
"""

from collective.convocation import _
from collective.convocation.content.validators import Refused
from collective.convocation.interfaces import IBrowserLayer
from datetime import UTC
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.deserializer.dxfields import DefaultFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.form.interfaces import IDataManager
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.interface import implementer
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IInt

import dateutil.parser
import re


MAX_DATE = 64  # an ISO 8601 date and time with its offset is about 32 characters
MAX_TOKEN = 200
WHOLE_NUMBER = re.compile(r"^\s*[-+]?\d{1,18}\s*$")


@implementer(IFieldDeserializer)
@adapter(IDatetime, IDexterityContent, IBrowserLayer)
class CheckedDatetimeDeserializer(DatetimeFieldDeserializer):
    """A date and time sent over REST (a séance's start, say), refused in French when it is not one.

    plone.restapi's deserializer echoes a bad value whole in its English
    error, answers 500 to a value that is not text, and converts to the
    stored value's time zone through pytz's ``zone``, which a value stored
    with ``datetime.UTC`` or ``zoneinfo`` lacks (a 500 too). The séance's
    dates are pytz's Europe/Paris (content/seance.py) and stay so.
    """

    def __call__(self, value):
        if value is None:
            return super().__call__(value)
        if not isinstance(value, str) or len(value) > MAX_DATE:
            raise self.refused()
        try:
            parsed = dateutil.parser.parse(value)
        except (ValueError, OverflowError):
            raise self.refused() from None
        if self.field.interface is IPublication:
            return super().__call__(value)  # timezone-naive local time, which pytz handles
        current = queryMultiAdapter((self.context, self.field), IDataManager).get()
        if current is None or current.tzinfo is None:
            return super().__call__(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)  # as plone.restapi reads a time without offset
        value = parsed.astimezone(current.tzinfo)  # the stored zone, whatever library made it
        self.field.validate(value)
        return value

    def refused(self):
        return Refused(
            _(
                "« ${field} » takes a date and time, such as 2030-06-01T18:30:00+02:00.",
                mapping={"field": self.field.__name__},
            )
        )


@implementer(IFieldDeserializer)
@adapter(IChoice, IDexterityContent, IBrowserLayer)
class CheckedChoiceDeserializer(ChoiceFieldDeserializer):
    """A choice (alone or in a list) is a value or ``{"token": …}``, never another object."""

    def __call__(self, value):
        token = value["token"] if isinstance(value, dict) and "token" in value else value
        if isinstance(token, str | int | float | bool) and len(str(token)) <= MAX_TOKEN:
            return super().__call__(value)
        if not self.field.__name__:  # an item of a list (plone.restapi names the list)
            raise Refused(_("Each item of the list takes one of its proposed values."))
        raise Refused(
            _(
                "« ${field} » takes one of its proposed values.",
                mapping={"field": self.field.__name__},
            )
        )


@implementer(IFieldDeserializer)
@adapter(IInt, IDexterityContent, IBrowserLayer)
class CheckedIntDeserializer(DefaultFieldDeserializer):
    """A whole number, as a number or as text."""

    def __call__(self, value):
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and WHOLE_NUMBER.match(value))
        ):
            raise Refused(
                _("« ${field} » takes a whole number.", mapping={"field": self.field.__name__})
            )
        return super().__call__(value.strip() if isinstance(value, str) else value)
