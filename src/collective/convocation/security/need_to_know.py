"""Need to know: whose accounts a user may list.

A collectivity's accounts are those with its login suffix (``...@saint-demo``),
those holding a mandate in it, and those given a role on it or on one of its
assemblies: an official of an EPCI keeps the login of their commune. Its agents
and administrators list these accounts only; a site manager lists everyone;
an official lists nobody (he names a proxy holder among the convoked colleagues
the attendance form offers).
"""

from Acquisition import aq_chain
from collective.convocation import permissions
from plone import api


# Fields whose stored accounts stay shown to whoever can see the object.
ACCOUNT_FIELDS = ("official", "rapporteur", "extra_invitees", "default_invitees")
STAFF_PERMISSIONS = (permissions.AddMandate, permissions.AddSeance, "Modify portal content")


def collectivity_of(context):
    return next(
        (obj for obj in aq_chain(context) if getattr(obj, "portal_type", None) == "Collectivity"),
        None,
    )


def lists_everyone():
    return api.user.has_permission("List portal members", obj=api.portal.get())


def is_staff(context):
    """An agent or administrator here: someone who edits séances or mandates."""
    return any(api.user.has_permission(name, obj=context) for name in STAFF_PERMISSIONS)


def accounts_of(collectivity):
    """The user ids of ``collectivity``'s accounts."""
    acl_users = api.portal.get_tool("acl_users")
    tail = f"@{collectivity.login_suffix}" if collectivity.login_suffix else None
    ids = set()
    if tail:
        ids.update(
            found["userid"]
            for found in acl_users.searchUsers(login=tail)
            if (found.get("login") or "").endswith(tail)
        )
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(collectivity.getPhysicalPath())
    for brain in catalog.unrestrictedSearchResults(portal_type="Mandate", path=path):
        ids.add(brain._unrestrictedGetObject().official)
    for obj in [collectivity, *collectivity.objectValues()]:
        ids.update(userid for userid, _roles in obj.get_local_roles())
    ids.discard(None)
    return ids


def stored_accounts(context):
    """The accounts ``context`` already names, which whoever sees it sees."""
    ids = set()
    for name in ACCOUNT_FIELDS:
        value = getattr(context, name, None)
        if isinstance(value, str):
            ids.add(value)
        elif value:
            ids.update(value)
    return ids


def listable_accounts(context):
    """The user ids the current user may list and choose in ``context``; None for everyone."""
    if lists_everyone():
        return None
    collectivity = collectivity_of(context)
    ids = stored_accounts(context)
    if collectivity is not None and is_staff(context):
        ids |= accounts_of(collectivity)
    return ids
