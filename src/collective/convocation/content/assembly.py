from collective.convocation import _
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IAssembly(model.Schema):
    """A deliberative body or committee of a collectivity."""

    kind = schema.Choice(
        title=_("Kind of assembly"),
        vocabulary="collective.convocation.AssemblyKinds",
        default="council",
    )

    notice_days = schema.Int(
        title=_("Notice period (clear days)"),
        description=_(
            "Leave empty to apply the legal notice period. For a committee, the period set here applies."
        ),
        min=0,
        required=False,
    )

    allow_remote = schema.Bool(
        title=_("Remote attendance allowed"),
        default=False,
        required=False,
    )

    remote_counts_for_quorum = schema.Bool(
        title=_("Remote attendance counts for the quorum"),
        default=False,
        required=False,
    )

    allow_proxy = schema.Bool(
        title=_("Proxies allowed"),
        default=True,
        required=False,
    )

    max_proxies_per_holder = schema.Int(
        title=_("Proxies one official may hold"),
        description=_("The law allows one (CGCT L2121-20)."),
        default=1,
        min=1,
    )

    quorum = schema.Choice(
        title=_("Quorum"),
        vocabulary="collective.convocation.QuorumRules",
        default="majority",
    )

    default_invitees = schema.List(
        title=_("Default invitees"),
        description=_("Staff and guests invited to every séance of this assembly."),
        value_type=schema.Choice(vocabulary="collective.convocation.Accounts"),
        required=False,
        default=[],
    )
    directives.widget(
        "default_invitees", AjaxSelectFieldWidget, vocabulary="collective.convocation.Accounts"
    )


@implementer(IAssembly)
class Assembly(Container):
    """Holds the mandates and séances of one assembly."""
