from collective.convocation import _
from collective.convocation.core.names import full_name
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.dexterity.utils import createContentInContainer
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IConvocation(model.Schema):
    """One recipient's convocation (or invitation) to one séance.

    One object per recipient, so that officials answering at the same time
    never write the same object.

    Every field is the record of what happened, written by the operations
    that apply the rules and keep the journal (sending, answers, roll call):
    read-only here, so that no edit form and no REST PATCH rewrites a
    receipt's date or an answer behind their back.
    """

    recipient = schema.TextLine(title=_("Recipient"), readonly=True)
    category = schema.Choice(
        title=_("Category"),
        vocabulary="collective.convocation.Categories",
        default="convocation",
        readonly=True,
    )
    mandate = schema.TextLine(title=_("Mandate"), required=False, readonly=True)
    sent_at = schema.Datetime(title=_("Sent at"), required=False, readonly=True)
    delivery = schema.Choice(
        title=_("Delivery"),
        vocabulary="collective.convocation.Deliveries",
        required=False,
        readonly=True,
    )
    received_at = schema.Datetime(title=_("Receipt acknowledged at"), required=False, readonly=True)
    received_via = schema.Choice(
        title=_("Receipt acknowledged through"),
        vocabulary="collective.convocation.ReceiptChannels",
        required=False,
        readonly=True,
    )
    attendance = schema.Choice(
        title=_("Attendance"),
        vocabulary="collective.convocation.Attendances",
        default="unanswered",
        readonly=True,
    )
    proxy_holder = schema.TextLine(title=_("Proxy holder"), required=False, readonly=True)
    answered_at = schema.Datetime(title=_("Answered at"), required=False, readonly=True)
    # Written by answers.py only, read by the recipient panel and the REST API; a form field
    # would get plone.app.z3cform's query-string widget (a List of Dict), which cannot render it.
    directives.omitted("history")
    history = schema.List(
        title=_("Previous answers"),
        value_type=schema.Dict(key_type=schema.TextLine(), value_type=schema.TextLine()),
        required=False,
        readonly=True,
    )
    actual = schema.Choice(
        title=_("Actual attendance"),
        vocabulary="collective.convocation.ActualAttendances",
        required=False,
        readonly=True,
    )


RECIPIENT_ROLES = {"convocation": "Official", "invitation": "Invitee"}


@implementer(IConvocation)
class Convocation(Item):
    recipient = None
    category = "convocation"
    mandate = None
    attendance = "unanswered"
    history = ()
    proxy_givers = ()  # who gave this recipient their proxy (answers._write_holders)
    delivered_at = None
    delivery_error = (
        ""  # the server's raw answer to the convocation's mail (core/delivery.py says it)
    )
    last_mail = (
        None  # the outcome of the latest later mail (reminder, message), mail_queue.apply_outcome
    )
    reminded_on = None
    posted_at = None  # the day a paper convocation was posted (operations/paper.py), aware UTC


def create_convocation(seance, recipient, category="convocation", mandate=None):
    """Create ``recipient``'s Convocation in ``seance``, visible to them alone.

    Convocations are never added by hand: the add permission is granted to
    nobody, so this bypasses the constraints. The recipient reads the séance
    (local role Official or Invitee) and owns their convocation (the
    workflow gives its Owner view and answer); whoever runs the sending gets
    no role on it.
    """
    user = api.user.get(userid=recipient)
    fullname = full_name(user and user.getProperty("fullname"), recipient)
    convocation = createContentInContainer(
        seance,
        "Convocation",
        id=recipient_id(recipient),
        title=fullname,
        checkConstraints=False,
        recipient=recipient,
        category=category,
        mandate=mandate,
    )
    for owner in convocation.users_with_local_role("Owner"):
        convocation.manage_delLocalRoles([owner])
    convocation.manage_setLocalRoles(recipient, ["Owner"])
    if user is not None:
        convocation.changeOwnership(user.getUser())
    convocation.reindexObjectSecurity()
    role = RECIPIENT_ROLES[category]
    roles = set(seance.get_local_roles_for_userid(recipient))
    if role not in roles:
        seance.manage_setLocalRoles(recipient, sorted(roles | {role}))
        # Only the séance shows to Official and Invitee: its documents wait for the receipt.
        seance.reindexObject(idxs=["allowedRolesAndUsers"])
    return convocation


def recipient_id(recipient):
    """A stable id per recipient, so a second sending finds the first one."""
    return "convocation-" + api.portal.get_tool("plone_utils").normalizeString(recipient)
