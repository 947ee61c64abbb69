"""The user directory: who a user is (names, address) and who the agents of a séance are."""

from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.core.mail.message import one_line
from collective.convocation.core.mail.message import usable_address
from plone import api
from plone.app.uuid.utils import uuidToObject


def person(userid):
    """Names of a user for the tags: memberdata first/last names, else the full name split.

    Each on one line, whatever was stored: they go into mail headers and tables.
    """
    user = api.user.get(userid=userid)
    if user is None:
        return {"civilite": "", "prenom": "", "nom": userid, "fullname": userid, "email": ""}
    fullname = one_line(user.getProperty("fullname")) or userid
    first, _, last = fullname.partition(" ")
    return {
        "civilite": one_line(user.getProperty("civility", "")),
        "prenom": one_line(user.getProperty("first_name", "")) or first,
        "nom": one_line(user.getProperty("last_name", "")) or last,
        "fullname": fullname,
        "email": usable_address(user.getProperty("email")),
    }


def reachable(userid):
    """A user who still exists and has a usable email address gets mails."""
    user = api.user.get(userid=userid)
    return bool(user and usable_address(user.getProperty("email")))


def function_of(convocation):
    """The recipient's function in the assembly (#titre#), from their mandate."""
    mandate = uuidToObject(convocation.mandate, unrestricted=True) if convocation.mandate else None
    return mandate.function if mandate is not None else ""


def agents_of(seance):
    """The users holding ConvocationAgent on the séance's assembly or collectivity."""
    userids = set()
    for holder in (ancestor(seance, IAssembly), ancestor(seance, ICollectivity)):
        for principal, roles in holder.get_local_roles():
            if "ConvocationAgent" not in roles:
                continue
            group = api.group.get(groupname=principal)
            members = (
                api.user.get_users(groupname=principal)
                if group
                else [api.user.get(userid=principal)]
            )
            userids.update(member.getId() for member in members if member is not None)
    return sorted(userids)
