from collective.convocation import _
from collective.convocation.interfaces import IBrowserLayer
from collective.convocation.validators import Refused
from datetime import UTC
from plone.app.dexterity.behaviors.metadata import IPublication
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.form.interfaces import IDataManager
from zope.component import adapter
from zope.component import queryMultiAdapter
from zope.interface import implementer
from zope.schema.interfaces import IDatetime

import dateutil.parser


MAX_DATE = 64  # an ISO 8601 date and time with its offset is about 32 characters


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
