"""The user directory: who a user is (names, address) and who the agents of a séance are."""

from collective.convocation.content import ancestor
from collective.convocation.content.assembly import IAssembly
from collective.convocation.content.collectivity import ICollectivity
from collective.convocation.core import names
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
    fullname = names.full_name(user.getProperty("fullname"), userid)
    first, last = names.first_and_last(
        fullname, user.getProperty("first_name", ""), user.getProperty("last_name", "")
    )
    return {
        "civilite": one_line(user.getProperty("civility", "")),
        "prenom": first,
        "nom": last,
        "fullname": fullname,
        "email": usable_address(user.getProperty("email")),
    }


def full_name(userid):
    """The name ``userid`` is shown by (core.names.full_name), or the user id of a user gone."""
    user = api.user.get(userid=userid) if userid else None
    return names.full_name(user and user.getProperty("fullname"), userid or "")


def sort_key_of(userid):
    """Where ``userid`` comes in a list of people, the French way: last name, then first name."""
    names_of = person(userid)
    return names.sort_key(names_of["nom"], names_of["prenom"])


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
