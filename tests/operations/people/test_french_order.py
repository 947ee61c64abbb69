"""The lists of people a page shows (reminder, message, cancellation, proxy holders) follow the French order."""

from collective.convocation.operations.answers import proxy_candidates
from collective.convocation.operations.audiences import addressees
from plone import api
from world import userid


def test_etienne_comes_before_zoe_and_helene_before_hugo(world):
    seance = world.seances["notified"]
    names = {
        "official": ("Zoé", "Mercier"),
        "official2": ("Étienne", "Faure"),
        "invitee": ("Hélène", "Hugo"),
    }
    with api.env.adopt_roles(["Manager"]):
        for persona, (first, last) in names.items():
            api.user.get(userid=userid(persona)).setMemberProperties(
                {"fullname": f"{first} {last}", "first_name": first, "last_name": last}
            )
    # By last name, accents ignored: Faure, Hugo, Mercier (not « Zoé » after « Étienne » by bytes).
    assert [a.name for a in addressees(seance)] == ["Étienne Faure", "Hélène Hugo", "Zoé Mercier"]
    convocation = world.convocations[("notified", "official")]
    assert [name for _userid, name in proxy_candidates(convocation)] == ["Étienne Faure"]
