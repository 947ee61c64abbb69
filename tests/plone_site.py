"""The Plone site for the tests that need one: the layers, and the world of `world.py` as fixtures.

Loaded as a plugin by the root conftest, for every test module outside `tests/core`.

The world is built once per session, in a DemoStorage of its own over the add-on's site (WORLD).
Each test that uses it gets a DemoStorage of its own stacked on the world's, thrown away after
it: the test starts from the same world, and what it writes is never seen by the next.
"""

from collective.convocation.operations import jobs
from collective.convocation.operations.journal import seals_folder
from collective.convocation.testing import FIXTURE
from collective.convocation.testing import FUNCTIONAL_TESTING
from collective.convocation.testing import INTEGRATION_TESTING
from collective.convocation.testing import SMTP_TESTING
from plone.app.testing import MOCK_MAILHOST_FIXTURE
from plone.app.testing import ploneSite
from plone.testing import Layer
from plone.testing import zope as zope_testing
from plone.testing.zodb import stackDemoStorage
from pytest_plone import fixtures_factory
from types import SimpleNamespace
from world import build
from ZODB.DB import DB
from ZODB.DemoStorage import DemoStorage
from zope.event import notify
from zope.globalrequest import setRequest
from zope.traversing.interfaces import BeforeTraverseEvent

import pytest
import transaction


class KeptStorage(DemoStorage):
    """The world's storage: a test's DemoStorage closes its base when it closes; this one stays open."""

    def close(self):
        pass

    def discard(self):
        DemoStorage.close(self)


def paths_of(value, portal_path):
    """The world's namespace with each content object replaced by its path under the portal."""
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{k: paths_of(v, portal_path) for k, v in vars(value).items()})
    if isinstance(value, dict):
        return {key: paths_of(item, portal_path) for key, item in value.items()}
    return "/".join(value.getPhysicalPath()[len(portal_path) :])


def objects_of(value, portal):
    """The namespace of ``paths_of`` with the objects of the test's own connection."""
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{k: objects_of(v, portal) for k, v in vars(value).items()})
    if isinstance(value, dict):
        return {key: objects_of(item, portal) for key, item in value.items()}
    return portal.unrestrictedTraverse(value)


class WorldLayer(Layer):
    """The world of `world.py`, built and committed once, as a test would (same host, same user).

    Its database is the resource ``worldDB``, off the ``zodbDB`` stack: the other layers' tests
    never see it. The journals' seals live outside the ZODB: ``worldSeals`` keeps the world's, for
    each test to start from them.
    """

    defaultBases = (FIXTURE, zope_testing.WSGI_SERVER_FIXTURE)

    def setUp(self):
        db = DB(KeptStorage(name="World", base=self["zodbDB"].storage, close_base_on_close=False))
        environ = {"SERVER_NAME": self["host"], "SERVER_PORT": str(self["port"])}
        self["zodbDB"] = db  # on top only while it is built
        try:
            # Mails land in portal.MailHost.messages, the build's as the tests' (MOCK_MAILHOST_FIXTURE).
            MOCK_MAILHOST_FIXTURE.testSetUp()
            with ploneSite(environ=environ) as portal:  # commits on leaving
                portal.REQUEST["PARENTS"] = [portal.aq_parent]
                setRequest(portal.REQUEST)
                portal.setupCurrentSkin(portal.REQUEST)
                notify(BeforeTraverseEvent(portal, portal.REQUEST))
                jobs.set_inline(True)  # its sendings done at once, as a test's own code does them
                try:
                    world = build(portal)
                finally:
                    jobs.set_inline(False)
                self["worldPaths"] = paths_of(world, portal.getPhysicalPath())
                uids = [seance.UID() for seance in world.seances.values()]
                transaction.commit()  # here: ploneSite() would swallow an error of its commit
            setRequest(None)
        finally:
            del self["zodbDB"]
        self["worldDB"] = db
        self["worldSeals"] = {uid: read_seals(uid) for uid in uids}

    def tearDown(self):
        self["worldDB"].storage.discard()
        self["worldDB"].close()
        for key in ("worldDB", "worldPaths", "worldSeals"):
            del self[key]


def read_seals(uid):
    path = seals_folder() / f"{uid}.jsonl"
    return path.read_bytes() if path.exists() else None


def restore_seals(seals):
    """The world's seal logs as the build left them (a test before may have sealed more)."""
    for uid, content in seals.items():
        path = seals_folder() / f"{uid}.jsonl"
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(content)


WORLD = WorldLayer()


# Derived from the add-on's own layer classes, to share their per-test hooks.
class WorldFunctionalTesting(type(FUNCTIONAL_TESTING)):
    """Functional tests on the world: FunctionalTesting stacks the test's DemoStorage on it."""

    def testSetUp(self):
        restore_seals(self["worldSeals"])
        self["zodbDB"] = self["worldDB"]  # replaced by the test's own DemoStorage, popped after it
        super().testSetUp()


class WorldIntegrationTesting(type(INTEGRATION_TESTING)):
    """Integration tests on the world, in a DemoStorage of the test's own (a commit stays there)."""

    def testSetUp(self):
        restore_seals(self["worldSeals"])
        self["zodbDB"] = stackDemoStorage(self["worldDB"], name="WorldTest")
        super().testSetUp()

    def testTearDown(self):
        super().testTearDown()
        self["zodbDB"].close()
        del self["zodbDB"]


WORLD_FUNCTIONAL = WorldFunctionalTesting(
    bases=(WORLD, zope_testing.WSGI_SERVER_FIXTURE), name="collective.convocation:WorldFunctional"
)
WORLD_INTEGRATION = WorldIntegrationTesting(
    bases=(WORLD,), name="collective.convocation:WorldIntegration"
)

globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "site_functional"),
            (INTEGRATION_TESTING, "site_integration"),
            (SMTP_TESTING, "smtp"),
        )
    )
)
# Set up on first use (a session without the world does not build it), then kept for the session.
globals().update(
    fixtures_factory(
        ((WORLD_FUNCTIONAL, "world_functional"), (WORLD_INTEGRATION, "world_integration")),
        keep_session=False,
    )
)


WORLD_FIXTURES = {"functional": "world_of", "integration": "world"}


def layer_for(request, name):
    """The layer ``name`` (functional, integration): the world's when the test uses its world."""
    # The world is built before any test's DemoStorage is stacked: a test may use both layers.
    for layer, fixture in WORLD_FIXTURES.items():
        if fixture in request.fixturenames:
            request.getfixturevalue(f"world_{layer}_session")
    prefix = "world" if WORLD_FIXTURES[name] in request.fixturenames else "site"
    request.getfixturevalue(f"{prefix}_{name}_session")
    return request.getfixturevalue(f"{prefix}_{name}")


@pytest.fixture
def functional(request):
    """The functional layer (plone.app.testing): the world's for the tests that use `world_of`."""
    return layer_for(request, "functional")


@pytest.fixture
def integration(request):
    """The integration layer (plone.app.testing): the world's for the tests that use `world`."""
    return layer_for(request, "integration")


# pytest-plone's class-scoped fixtures (portal_class, functional_portal_class…) ask for these.
@pytest.fixture(scope="class")
def integration_class(site_integration_class):
    return site_integration_class


@pytest.fixture(scope="class")
def functional_class(site_functional_class):
    return site_functional_class


@pytest.fixture
def world(portal, integration):
    """Two collectivities, their people, and a séance in each workflow state.

    The test's changes are rolled back (the world itself was committed once, in the world's storage).
    """
    return objects_of(integration["worldPaths"], portal)


@pytest.fixture
def world_of(functional):
    """The same world in the functional site, committed: HTTP requests see it."""
    return objects_of(functional["worldPaths"], functional["portal"])


@pytest.fixture
def clock(monkeypatch):
    """[now]: the time two-factor login computes its codes from, held still; a test moves clock[0]."""
    from collective.convocation.security import two_factor

    now = [1_900_000_000.0]
    monkeypatch.setattr(two_factor, "clock", lambda: now[0])
    return now


@pytest.fixture
def notified(world_of):
    """The world's notified séance: its convocations are sent, nobody has answered yet."""
    return world_of.seances["notified"]
