"""A change of name reaches the lists read from the catalog: the tracking and the proxy lists."""

from collective.convocation.operations.answers import proxy_candidates
from collective.convocation.operations.tracking import lines
from plone import api
from world import userid


def test_an_official_renamed_is_listed_under_his_new_name(world):
    seance = world.seances["notified"]
    user = api.user.get(userid=userid("official2"))
    user.setMemberProperties({"fullname": "Oscar  Zébulon"})
    names = {line.userid: line.name for line in lines(seance)}
    assert names[userid("official2")] == "Oscar Zébulon"
    convocation = world.convocations[("notified", "official")]
    assert (userid("official2"), "Oscar Zébulon") in proxy_candidates(convocation)
