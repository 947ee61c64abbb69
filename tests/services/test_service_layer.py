"""The add-on's REST services are registered on its browser layer: on a site without it, they are not there."""

from collective.convocation.interfaces import IBrowserLayer
from pathlib import Path
from zope.component import queryMultiAdapter
from zope.interface import alsoProvides
from zope.publisher.browser import TestRequest as BrowserRequest

import pytest
import re


SERVICES = Path(__file__).resolve().parents[2] / "src" / "collective" / "convocation" / "services"
SERVICE = re.compile(r"<plone:service\b(.*?)/>", re.S)


def registrations():
    """(zcml file, attributes) of every ``<plone:service>`` of the add-on."""
    for zcml in sorted(SERVICES.rglob("*.zcml")):
        for found in SERVICE.finditer(zcml.read_text(encoding="utf-8")):
            yield zcml.relative_to(SERVICES), dict(re.findall(r'(\w+)="([^"]*)"', found.group(1)))


def test_every_service_is_on_the_add_on_layer():
    found = list(registrations())
    assert len(found) >= 17
    assert [
        (str(path), attributes["name"])
        for path, attributes in found
        if attributes.get("layer") != "collective.convocation.interfaces.IBrowserLayer"
    ] == []


# Where each service is looked up, by what it is registered for.
CONTEXTS = {
    "plone.base.interfaces.siteroot.IPloneSiteRoot": lambda portal, world: portal,
    "plone.restapi.bbb.IPloneSiteRoot": lambda portal, world: portal,
    "collective.convocation.content.collectivity.ICollectivity": lambda portal, world: world.town_a,
    "collective.convocation.content.seance.ISeance": (
        lambda portal, world: world.seances["notified"]
    ),
    "collective.convocation.content.convocation.IConvocation": (
        lambda portal, world: world.convocations[("notified", "official")]
    ),
}


def factory_module(service):
    """The module of the class a service was made from (plone.rest makes a class of its own)."""
    return type(service).__mro__[1].__module__


@pytest.mark.parametrize(
    "method,name,for_",
    [(a["method"], a["name"], a["for"]) for _path, a in registrations()],
    ids=[f"{a['method']} {a['name']}" for _path, a in registrations()],
)
def test_a_service_is_there_only_with_the_layer(portal, world, method, name, for_):
    context = CONTEXTS[for_](portal, world)
    view_name = f"{method}_application_json_{name}"
    request = BrowserRequest()
    without = queryMultiAdapter((context, request), name=view_name)
    alsoProvides(request, IBrowserLayer)
    with_layer = queryMultiAdapter((context, request), name=view_name)
    assert factory_module(with_layer).startswith("collective.convocation.services.")
    # Without the layer: nothing, or plone.restapi's own service (@login, @workflow).
    assert without is None or factory_module(without).startswith("plone.restapi.")
