from collective.convocation import _
from collective.convocation.content.seance import ISeance
from collective.convocation.content.validators import readable_pdf
from collective.convocation.content.validators import valid_agenda_number
from collective.convocation.core.agenda import next_number
from plone import api
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


@provider(IContextAwareDefaultFactory)
def following_number(seance):
    """The add form's context is the séance: the new item comes after its last one.

    The catalog finds the items without waking the séance's convocations.
    """
    if not ISeance.providedBy(seance):
        return "1"  # an item made in code gets the default before it has a place
    brains = api.content.find(context=seance, depth=1, portal_type="AgendaItem")
    return next_number(getattr(brain.getObject(), "number", "") for brain in brains)


class IAgendaItem(model.Schema):
    """One item of a séance's agenda; its annexes are File children."""

    number = schema.TextLine(
        title=_("Number"),
        description=_("For example « 2 » or « 2.1 »."),
        constraint=valid_agenda_number,
        defaultFactory=following_number,
    )
    directives.order_before(number="*")

    theme = schema.TextLine(title=_("Theme"), required=False)

    rapporteur = schema.Choice(
        title=_("Rapporteur"),
        vocabulary="collective.convocation.Accounts",
        required=False,
    )
    directives.widget(
        "rapporteur", AjaxSelectFieldWidget, vocabulary="collective.convocation.Accounts"
    )

    main_file = NamedBlobFile(
        title=_("Report (PDF)"),
        constraint=readable_pdf,
        required=False,
    )

    main_file_public = schema.Bool(
        title=_("Public report"),
        description=_(
            "The report can be downloaded from the public agenda, if the item is public."
        ),
        default=False,
        required=False,
    )

    public = schema.Bool(
        title=_("Public item"),
        description=_("Untick for an item examined in closed session (huis clos)."),
        default=True,
        required=False,
    )


@implementer(IAgendaItem)
class AgendaItem(Container):
    """Agenda order is folder order."""
