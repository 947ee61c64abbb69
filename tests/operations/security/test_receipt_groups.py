"""The receipt groups: a user is in those of the séances whose receipt he gave, and they in none."""

from collective.convocation.operations.answers import acknowledge
from collective.convocation.operations.reader_groups import PLUGIN_ID
from collective.convocation.operations.reader_groups import readers_group
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from world import userid


def groups_of(persona):
    return {group.getId() for group in api.group.get_groups(username=userid(persona))}


def test_a_user_is_in_the_groups_of_his_receipts_only(world, portal):
    notified, archived = world.seances["notified"], world.seances["archived"]
    login(portal, userid("official"))
    acknowledge(world.convocations[("notified", "official")])
    logout()
    assert readers_group(notified) in groups_of("official")
    assert readers_group(archived) not in groups_of("official")
    assert readers_group(notified) not in groups_of("official2")
    plugin = portal.acl_users[PLUGIN_ID]
    group = api.group.get(groupname=readers_group(notified))
    assert group is not None and group.getProperty("title").endswith(notified.Title())
    assert plugin.getGroupsForPrincipal(group) == ()
