from collective.convocation import _
from collective.convocation.content.validators import valid_login_suffix
from collective.convocation.core import legal
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema import Email
from plone.supermodel import model
from plone.uuid.interfaces import IUUID
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


# DESIGN.md §8; [collectivité] and [DPD] are filled in when the notice is shown.
DEFAULT_RGPD_NOTICE = (
    "Les données personnelles ici collectées sont traitées par [collectivité] afin de "
    "convoquer les élus aux assemblées et commissions, d'informer les DGS et référents de "
    "ces convocations, de communiquer sur l'avancement des projets et d'inviter aux "
    "événements de [collectivité]. Elles ne sont communiquées à aucun tiers et sont "
    "conservées pendant la durée du mandat pour les élus, et la durée d'occupation de la "
    "fonction pour les agents. Vous pouvez y accéder, les rectifier, demander leur "
    "effacement, limiter ou vous opposer à leur traitement et retirer votre consentement "
    "à tout moment auprès de [DPD]. Vous pouvez adresser une réclamation à la CNIL."
)


class ICollectivity(model.Schema):
    """A local authority: its assemblies, settings and login suffix."""

    login_suffix = schema.TextLine(
        title=_("Login suffix"),
        description=_(
            "Appended to the logins of this collectivity's officials and agents: "
            "firstname.lastname@suffix. Lowercase letters, digits and hyphens."
        ),
        constraint=valid_login_suffix,
    )

    kind = schema.Choice(
        title=_("Kind of collectivity"),
        vocabulary="collective.convocation.CollectivityKinds",
        default="commune",
    )

    population = schema.Int(
        title=_("Population"),
        description=_(
            "Number of inhabitants; from 3,500 the longer notice and the note de synthèse apply."
        ),
        min=0,
        required=False,
    )

    large_rules = schema.Bool(
        title=_("Apply the rules of communes of 3,500 inhabitants and more"),
        description=_(
            "They apply anyway from 3,500 inhabitants; tick it for an EPCI that includes such a commune."
        ),
        default=False,
        required=False,
    )

    # An administrator's choice (who manages the accounts), not an agent's.
    directives.write_permission(require_agent_two_factor="collective.convocation.ManageAccounts")
    require_agent_two_factor = schema.Bool(
        title=_("Require two-factor login of the agents"),
        description=_(
            "An agent who has not turned it on is sent to the « Two-factor login » page "
            "after logging in, and can do nothing else until it is on."
        ),
        default=False,
        required=False,
    )

    model.fieldset(
        "sending",
        label=_("Sending"),
        fields=[
            "sender_name",
            "sender_email",
            "reply_to",
            "postal_address",
            "attach_convocation",
            "attachment_limit",
        ],
    )
    sender_name = schema.TextLine(title=_("Sender name"), required=False)
    sender_email = Email(title=_("Sender email"), required=False)
    reply_to = Email(title=_("Reply-to email"), required=False)
    postal_address = schema.Text(
        title=_("Postal address"),
        description=_("The sender's address on the paper convocations, one line each."),
        required=False,
    )
    attach_convocation = schema.Bool(
        title=_("Attach the convocation PDF to the mails"),
        default=False,
        required=False,
    )
    attachment_limit = schema.Int(
        title=_("Largest attachment (MB)"),
        description=_("A larger convocation PDF is not attached: the mail links to it."),
        default=5,
        min=1,
        required=False,
    )

    model.fieldset(
        "rgpd",
        label=_("Personal data"),
        fields=["dpo_name", "dpo_email", "dpo_address", "rgpd_notice"],
    )
    dpo_name = schema.TextLine(title=_("Data protection officer"), required=False)
    dpo_email = Email(title=_("Data protection officer's email"), required=False)
    dpo_address = schema.Text(title=_("Data protection officer's postal address"), required=False)
    rgpd_notice = schema.Text(
        title=_("Personal data notice"),
        description=_(
            "[collectivité] and [DPD] are replaced by the collectivity and its data protection officer."
        ),
        default=DEFAULT_RGPD_NOTICE,
        required=False,
    )

    @invariant
    def unique_login_suffix(data):
        """Two collectivities sharing a suffix would share their officials' logins.

        An invariant rather than a form validator, so that the REST API refuses
        it too; z3c.form hands the form's context over as ``__context__``.
        """
        own_uid = IUUID(getattr(data, "__context__", None), None)
        for brain in api.content.find(
            portal_type="Collectivity", login_suffix=data.login_suffix, unrestricted=True
        ):
            if brain.UID != own_uid:
                raise Invalid(
                    _(
                        "The login suffix « ${suffix} » is already used by ${title}.",
                        mapping={"suffix": data.login_suffix, "title": brain.Title},
                    )
                )


@implementer(ICollectivity)
class Collectivity(Container):
    @property
    def applies_large_rules(self):
        """L2121-12 applies from 3,500 inhabitants, or when the collectivity says so."""
        return legal.applies_large_rules(self.population, self.large_rules)
