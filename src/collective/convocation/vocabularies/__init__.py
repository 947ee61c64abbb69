"""Fixed vocabularies of the content model: stored values in English, titles translated."""

from collective.convocation import _
from collective.convocation.core.names import full_name
from collective.convocation.security.need_to_know import listable_accounts
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def term_title(vocabulary, value, context):
    """The French title of ``value`` in one of these vocabularies; "" for no value."""
    return api.portal.translate(vocabulary(context).getTerm(value).title) if value else ""


def _fixed(*terms):
    vocabulary = SimpleVocabulary([SimpleTerm(value, value, title) for value, title in terms])
    return provider(IVocabularyFactory)(lambda context: vocabulary)


collectivity_kinds = _fixed(
    ("commune", _("Commune")),
    ("epci", _("Intercommunality (EPCI)")),
    ("departement", _("Département")),
    ("region", _("Region")),
    ("syndicat", _("Syndicate")),
    ("other", _("Other")),
)

assembly_kinds = _fixed(
    ("council", _("Council")),
    ("bureau", _("Bureau")),
    ("committee", _("Committee")),
    ("other", _("Other")),
)

quorum_rules = _fixed(
    ("majority", _("Majority of the members in office")),
    ("none", _("No quorum")),
)

seats = _fixed(
    ("titular", _("Titular")),
    ("deputy", _("Deputy (suppléant)")),
)

categories = _fixed(
    ("convocation", _("Convocation")),
    ("invitation", _("Invitation")),
)

deliveries = _fixed(
    ("queued", _("Queued")),
    ("sent", _("Sent")),
    ("failed", _("Failed")),
    ("paper", _("Paper")),
    ("unreachable", _("Unreachable")),
)

receipt_channels = _fixed(
    ("web", _("Web")),
    ("api", _("Application")),
    ("email", _("Email link")),
)

attendances = _fixed(
    ("unanswered", _("No answer")),
    ("present", _("Present")),
    ("remote", _("Remote")),
    ("absent", _("Absent")),
    ("proxy", _("Gives a proxy")),
    ("deputy", _("Replaced by the deputy")),
)

actual_attendances = _fixed(
    ("present", _("Present")),
    ("absent", _("Absent")),
    ("late", _("Arrived late")),
    ("left", _("Left early")),
)


@provider(IContextSourceBinder)
def titular_mandates(context):
    """Titular mandates of the assembly being edited, for a deputy's ``deputy_of``."""
    assembly = context if getattr(context, "portal_type", None) == "Assembly" else context.aq_parent
    brains = api.content.find(
        context=assembly, portal_type="Mandate", sort_on="sortable_title", depth=1
    )
    # A form-time list of a few dozen seats: waking them up to read the seat is fine.
    return SimpleVocabulary(
        [
            SimpleTerm(brain.UID, brain.UID, brain.Title)
            for brain in brains
            if brain.getObject().seat == "titular"
        ]
    )


class AccountsVocabulary(SimpleVocabulary):
    """Accounts, searched by name or login as the select widget types."""

    def search(self, query):
        wanted = query.lower()
        return [term for term in self if wanted in f"{term.title} {term.value}".lower()]


@provider(IVocabularyFactory)
def accounts(context):
    """The accounts the current user may choose here: their collectivity's (see security.people)."""
    ids = listable_accounts(context)
    if ids is None:
        ids = {user.getId() for user in api.user.get_users()}
    users = [api.user.get(userid=userid) for userid in ids]
    terms = sorted(
        (
            SimpleTerm(
                user.getId(), user.getId(), full_name(user.getProperty("fullname"), user.getId())
            )
            for user in users
            if user is not None
        ),
        key=lambda term: term.title.lower(),
    )
    return AccountsVocabulary(terms)
