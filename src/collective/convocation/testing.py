"""Test layers: a French Plone site (Europe/Paris) with the add-on installed."""

from collective.convocation.operations import jobs
from collective.convocation.operations import worker
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import MOCK_MAILHOST_FIXTURE
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.testing import zope as zope_testing

import collective.convocation


class ConvocationLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=collective.convocation)

    def setUpPloneSite(self, portal):
        portal.portal_registry["plone.default_language"] = "fr"
        portal.portal_registry["plone.available_languages"] = ["fr"]
        portal.portal_registry["plone.portal_timezone"] = "Europe/Paris"
        applyProfile(portal, "collective.convocation:default")


FIXTURE = ConvocationLayer()


class JobsAware:
    """A job recorded by the test's own code is done at once, in its transaction (which may
    never commit); one recorded by a request served to the test, by the background worker,
    which is stopped before the test's database closes."""

    def testSetUp(self):
        super().testSetUp()
        jobs.set_inline(True)

    def testTearDown(self):
        jobs.set_inline(False)
        worker.stop_all()
        super().testTearDown()


class Integration(JobsAware, IntegrationTesting):
    pass


class Functional(JobsAware, FunctionalTesting):
    pass


# Mails land in portal.MailHost.messages; tests of real delivery use SMTP_TESTING.
INTEGRATION_TESTING = Integration(
    bases=(FIXTURE, MOCK_MAILHOST_FIXTURE), name="collective.convocation:Integration"
)

FUNCTIONAL_TESTING = Functional(
    bases=(FIXTURE, MOCK_MAILHOST_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="collective.convocation:Functional",
)

SMTP_TESTING = Functional(
    bases=(FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="collective.convocation:SMTP",
)
