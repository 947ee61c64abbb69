from collective.convocation import _
from collective.convocation.core.names import full_name
from collective.convocation.vocabularies import titular_mandates
from plone import api
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IMandate(model.Schema):
    """One official's seat in one assembly."""

    official = schema.Choice(
        title=_("Official"),
        vocabulary="collective.convocation.Accounts",
    )
    directives.widget(
        "official", AjaxSelectFieldWidget, vocabulary="collective.convocation.Accounts"
    )

    function = schema.TextLine(
        title=_("Function"),
        description=_("For example: Maire, Adjoint aux finances, Conseiller municipal, Président."),
    )

    seat = schema.Choice(
        title=_("Seat"),
        vocabulary="collective.convocation.Seats",
        default="titular",
    )

    deputy_of = schema.Choice(
        title=_("Deputy of"),
        description=_("For a deputy (suppléant): the titular official they replace."),
        source=titular_mandates,
        required=False,
    )

    group = schema.TextLine(title=_("Political group"), required=False)

    start = schema.Date(title=_("Start of the mandate"))

    end = schema.Date(
        title=_("End of the mandate"),
        description=_("Leave empty while the mandate lasts."),
        required=False,
    )

    voting = schema.Bool(title=_("Has a deliberative vote"), default=True, required=False)

    paper_convocation = schema.Bool(
        title=_("Asked for a paper convocation"),
        description=_(
            "The official asked in writing to receive the convocation by post (CGCT L2121-10)."
        ),
        default=False,
        required=False,
    )

    @invariant
    def end_after_start(data):
        if data.start and data.end and data.end < data.start:
            raise Invalid(_("The end of the mandate cannot come before its start."))

    @invariant
    def deputy_has_titular(data):
        if data.seat == "deputy" and not data.deputy_of:
            raise Invalid(_("A deputy's mandate must name the titular official they replace."))


@implementer(IMandate)
class Mandate(Item):
    def is_active(self, day):
        """Active on ``day`` when start ≤ day ≤ end; an open end lasts."""
        return self.start <= day and (self.end is None or day <= self.end)

    def default_title(self):
        user = api.user.get(userid=self.official) if self.official else None
        name = full_name(user and user.getProperty("fullname"), self.official or "")
        return f"{name} — {self.function}" if self.function else name


def update_title(mandate, event):
    """A mandate is named after its official and function, which the form asks for."""
    title = mandate.default_title()
    if mandate.title != title:
        mandate.title = title
        mandate.reindexObject()
