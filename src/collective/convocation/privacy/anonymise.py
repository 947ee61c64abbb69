"""The retention command's Plone side: find who is due (retention.py decides), and anonymise them.

Only contact data change: the account's names become a stable pseudonym,
its email, phone, address and portrait go. The user id stays, because the
séances' journals name people by it and are never rewritten: past
convocations, émargements and journals stay whole and verifiable.
"""

from collective.convocation.content.mandate import update_title
from collective.convocation.core import retention
from datetime import date
from plone import api


RETENTION_RECORD = "collective.convocation.retention_months"
DEFAULT_MONTHS = 12

# The contact data emptied, beside the names.
CLEARED_PROPERTIES = (
    "email",
    "phone",
    "location",
    "home_page",
    "description",
    "civility",
    "political_group",
    "postal_address",
)

# Local roles on a collectivity or an assembly that are functions; Owner only says who created it.
NOT_A_FUNCTION = {"Owner"}
# Every member has these.
EVERYONE = {"Member", "Authenticated"}

# Plone's login_time for an account never logged in is 2000-01-01.
NEVER_LOGGED_IN_YEAR = 2000


def retention_months():
    return api.portal.get_registry_record(RETENTION_RECORD, default=DEFAULT_MONTHS)


def _holders_of_functions():
    """Whoever holds a local role on a collectivity or an assembly, groups expanded."""
    holders = set()
    for brain in api.content.find(portal_type=["Collectivity", "Assembly"], unrestricted=True):
        for principal, roles in brain._unrestrictedGetObject().get_local_roles():
            if not set(roles) - NOT_A_FUNCTION:
                continue
            if api.group.get(groupname=principal) is not None:
                holders.update(member.getId() for member in api.user.get_users(groupname=principal))
            else:
                holders.add(principal)
    return holders


def _login_day(user):
    days = []
    for name in ("login_time", "last_login_time"):
        moment = user.getProperty(name, None)
        if moment is not None and hasattr(moment, "year") and moment.year() > NEVER_LOGGED_IN_YEAR:
            days.append(moment.asdatetime().date())
    return max(days, default=None)


def people():
    """Everyone the add-on knows, as retention.Person: the mandates' officials, the
    convocations' recipients, and the accounts with a collectivity's login suffix."""
    mandates, last_seance = {}, {}
    for brain in api.content.find(portal_type="Mandate", unrestricted=True):
        mandate = brain._unrestrictedGetObject()
        if mandate.official:
            mandates.setdefault(mandate.official, []).append((mandate.start, mandate.end))
    for brain in api.content.find(portal_type="Convocation", unrestricted=True):
        day = brain.seance_start.date() if brain.seance_start else None
        userid = brain.convocation_recipient
        if userid and day and (userid not in last_seance or last_seance[userid] < day):
            last_seance[userid] = day
    suffixes = tuple(
        f"@{brain._unrestrictedGetObject().login_suffix}"
        for brain in api.content.find(portal_type="Collectivity", unrestricted=True)
    )
    users = {user.getId(): user for user in api.user.get_users()}
    known = set(mandates) | set(last_seance) | {u for u in users if u.endswith(suffixes)}
    functions = _holders_of_functions()
    found = []
    for userid in sorted(known):
        user = users.get(userid)
        if user is None:  # an official whose account was deleted: nothing left to anonymise
            continue
        found.append(
            retention.Person(
                userid=userid,
                mandates=tuple(mandates.get(userid, ())),
                last_seance=last_seance.get(userid),
                last_login=_login_day(user),
                holds_role=userid in functions or bool(set(user.getRoles()) - EVERYONE),
                anonymised=is_anonymised(user),
            )
        )
    return found


def is_anonymised(user):
    names = retention.pseudonym(user.getId())
    return user.getProperty("fullname") == names["fullname"] and not user.getProperty("email")


def anonymise(userid):
    """Replace the person's names by their pseudonym and empty their contact data, wherever kept."""
    user = api.user.get(userid=userid)
    names = retention.pseudonym(userid)
    memberdata = api.portal.get_tool("portal_memberdata")
    properties = {name: "" for name in CLEARED_PROPERTIES if memberdata.hasProperty(name)}
    properties.update(
        {name: value for name, value in names.items() if memberdata.hasProperty(name)}
    )
    user.setMemberProperties(mapping=properties)
    memberdata._deletePortrait(userid)
    # The copies of the name: mandates' titles, convocations' titles and the tracking's metadata.
    for brain in api.content.find(portal_type="Mandate", unrestricted=True):
        mandate = brain._unrestrictedGetObject()
        if mandate.official == userid:
            update_title(mandate, None)
    for brain in api.content.find(convocation_recipient=userid, unrestricted=True):
        convocation = brain._unrestrictedGetObject()
        convocation.title = names["fullname"]
        convocation.reindexObject()


def run(today=None, months=None, dry_run=False):
    """Anonymise whoever is due on ``today``; returns their user ids."""
    today = today or date.today()
    months = retention_months() if months is None else months
    userids = retention.due(people(), today, months)
    if not dry_run:
        for userid in userids:
            anonymise(userid)
    return userids
