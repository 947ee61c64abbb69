from collective.convocation import _
from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.validators import readable_pdf
from collective.convocation.core.dates import french_date
from plone.app.event.base import default_timezone
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from z3c.form.browser.radio import RadioFieldWidget
from zope import schema
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _from_assembly(setting):
    """A séance's default comes from its assembly, the add form's context.

    Content made in code gets them from inherit_assembly_settings.
    """

    @provider(IContextAwareDefaultFactory)
    def default(context):
        return bool(getattr(ancestor(context, IAssembly), setting, False))

    return default


# When the public agenda shows a séance (operations/public_agenda.py).
ON_SENDING, BY_HAND = "on_sending", "by_hand"
AGENDA_PUBLICATIONS = SimpleVocabulary(
    [
        SimpleTerm(ON_SENDING, ON_SENDING, _("When the convocations are sent")),
        SimpleTerm(BY_HAND, BY_HAND, _("Later, by hand")),
    ]
)

# plone.autoform takes permission ids, not titles.
MODIFY_SCHEDULE = "collective.convocation.ModifySchedule"
READ_DOCUMENTS = "collective.convocation.ReadDocuments"  # the recipients, once they acknowledged


class ISeance(model.Schema):
    """One sitting of an assembly."""

    title = schema.TextLine(
        title=_("Title"),
        description=_("Leave empty for « Séance du » and the date."),
        required=False,
    )

    start = schema.Datetime(title=_("Start"))
    directives.write_permission(start=MODIFY_SCHEDULE)

    end = schema.Datetime(title=_("End"), required=False)
    directives.write_permission(end=MODIFY_SCHEDULE)

    location = schema.TextLine(
        title=_("Place"),
        description=_("For example: Salle du conseil, Hôtel de ville."),
    )
    directives.write_permission(location=MODIFY_SCHEDULE)

    allow_remote = schema.Bool(
        title=_("Remote attendance allowed"),
        defaultFactory=_from_assembly("allow_remote"),
        required=False,
    )

    allow_proxy = schema.Bool(
        title=_("Proxies allowed"),
        defaultFactory=_from_assembly("allow_proxy"),
        required=False,
    )

    urgent = schema.Bool(
        title=_("Urgency"),
        description=_("The notice period is shortened, to no less than one clear day."),
        default=False,
        required=False,
    )

    urgency_reason = schema.Text(title=_("Reason for the urgency"), required=False)

    closed_session = schema.Bool(
        title=_("Closed session (huis clos)"),
        description=_("The public agenda says « Huis clos » instead of « Séance publique »."),
        default=False,
        required=False,
    )

    agenda_publication = schema.Choice(
        title=_("Publication of the agenda"),
        description=_(
            "The public agenda of the collectivity shows the séance, its public items and "
            "their public documents."
        ),
        vocabulary=AGENDA_PUBLICATIONS,
        default=ON_SENDING,
    )
    directives.widget(agenda_publication=RadioFieldWidget)

    model.fieldset(
        "documents",
        label=_("Documents"),
        fields=["convocation_file", "synthesis_file", "invitation_file"],
    )

    convocation_file = NamedBlobFile(
        title=_("Convocation (PDF)"),
        description=_("Required to send the convocations."),
        constraint=readable_pdf,
        required=False,
    )
    directives.write_permission(convocation_file=MODIFY_SCHEDULE)
    directives.read_permission(
        convocation_file=READ_DOCUMENTS,
        synthesis_file=READ_DOCUMENTS,
        invitation_file=READ_DOCUMENTS,
    )

    synthesis_file = NamedBlobFile(
        title=_("Explanatory note (note de synthèse, PDF)"),
        description=_("Required for a council of a commune of 3,500 inhabitants and more."),
        constraint=readable_pdf,
        required=False,
    )

    invitation_file = NamedBlobFile(
        title=_("Invitation (PDF)"),
        description=_("Sent to the invitees instead of the convocation."),
        constraint=readable_pdf,
        required=False,
    )

    # The procès-verbal: set on its own page (@@proces-verbal, operations/minutes.py), never in a form.
    minutes_file = NamedBlobFile(
        title=_("Minutes (PDF)"),
        constraint=readable_pdf,
        required=False,
    )
    directives.omitted("minutes_file")
    directives.read_permission(minutes_file=READ_DOCUMENTS)

    extra_invitees = schema.List(
        title=_("Other invitees"),
        description=_("Invited to this séance in addition to the assembly's default invitees."),
        value_type=schema.Choice(vocabulary="collective.convocation.Accounts"),
        required=False,
        default=[],
    )
    directives.widget(
        "extra_invitees", AjaxSelectFieldWidget, vocabulary="collective.convocation.Accounts"
    )

    @invariant
    def end_after_start(data):
        if data.start and data.end and data.end < data.start:
            raise Invalid(_("The séance cannot end before it starts."))

    @invariant
    def urgency_has_reason(data):
        if data.urgent and not (data.urgency_reason or "").strip():
            raise Invalid(_("Give the reason for the urgency: the council must rule on it."))


@implementer(ISeance)
class Seance(Container):
    # Recorded by the sending (sending.py)
    sent_at = None
    clear_days_given = None
    # Recorded by « Publier l'ordre du jour » (operations/public_agenda.py)
    agenda_published_at = None
    ics_sequence = 0

    def default_title(self):
        return f"Séance du {french_date(self.start.date())}" if self.start else ""


def inherit_assembly_settings(seance, event):
    """Store the assembly's settings the add form would have proposed.

    Content made in code skips the form, and a stored séance no longer sees
    its assembly when a missing value is computed.
    """
    for setting in ("allow_remote", "allow_proxy"):
        if setting not in seance.__dict__:
            setattr(seance, setting, bool(getattr(event.newParent, setting, False)))


def in_portal_zone(value, zone):
    """Dates typed in a form carry no zone: they are the portal's local time."""
    if value is None:
        return None
    if value.tzinfo is None:
        return zone.localize(value)
    return value.astimezone(zone)


def normalize(seance, event):
    """Store dates in the portal's zone (Europe/Paris) and fill the default title."""
    zone = default_timezone(seance, as_tzinfo=True)
    stored = (seance.start, seance.end, seance.title)
    seance.start = in_portal_zone(seance.start, zone)
    seance.end = in_portal_zone(seance.end, zone)
    seance.title = seance.title or seance.default_title()
    # A naive date never equals an aware one, so a localized date reindexes.
    if (seance.start, seance.end, seance.title) != stored:
        seance.reindexObject()


def reindex_convocations(seance, event):
    """The convocations carry their séance's title, place, date and state in the catalog.

    Adding a convocation (or a document) to the séance changes none of them:
    reindexing every convocation then made sending quadratic.
    """
    if IContainerModifiedEvent.providedBy(event):
        return
    for convocation in seance.objectValues():
        if convocation.portal_type == "Convocation":
            convocation.reindexObject(
                idxs=["seance_start", "seance_title", "seance_location", "seance_state"]
            )


def convocations(seance):
    """The séance's convocations, in their order."""
    return [obj for obj in seance.objectValues() if obj.portal_type == "Convocation"]
