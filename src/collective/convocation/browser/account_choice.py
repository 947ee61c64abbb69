"""The « Élu » and « Rapporteur » selects: one account of the collectivity, read in its context.

plone.app.z3cform converts a whole list chosen in an AjaxSelect, not a single Choice: z3c.form's
fallback then checks the typed value with the schema's unbound field, whose vocabulary sees no
collectivity and so refuses every account to whoever may not list them all (an agent, an
administrator of the collectivity). Binding the field to the form's content first offers the same
accounts as the select; the form's validator binds it there again.
"""

from collective.convocation import _
from collective.convocation.content.agenda_item import IAgendaItem
from collective.convocation.content.mandate import IMandate
from plone.app.z3cform.interfaces import IAjaxSelectWidget
from z3c.form.converter import FieldDataConverter
from z3c.form.error import ErrorViewMessage
from zope.component import adapter
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IChoice


@adapter(IChoice, IAjaxSelectWidget)
class BoundChoiceConverter(FieldDataConverter):
    """A single Choice typed in an AjaxSelect, checked against the vocabulary of its context."""

    def toFieldValue(self, value):
        if value == "":
            return self.field.missing_value
        return self.field.bind(self.widget.context).fromUnicode(value)


NOT_HERE = _("Choose an account of this collectivity in the list.")
ForeignOfficial = ErrorViewMessage(
    NOT_HERE, error=ConstraintNotSatisfied, field=IMandate["official"]
)
ForeignRapporteur = ErrorViewMessage(
    NOT_HERE, error=ConstraintNotSatisfied, field=IAgendaItem["rapporteur"]
)
