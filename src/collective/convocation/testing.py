"""Test layers: a French Plone site (Europe/Paris) with the add-on installed."""

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

# Mails land in portal.MailHost.messages; tests of real delivery use SMTP_TESTING.
INTEGRATION_TESTING = IntegrationTesting(
    bases=(FIXTURE, MOCK_MAILHOST_FIXTURE), name="collective.convocation:Integration"
)

FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(FIXTURE, MOCK_MAILHOST_FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="collective.convocation:Functional",
)

SMTP_TESTING = FunctionalTesting(
    bases=(FIXTURE, zope_testing.WSGI_SERVER_FIXTURE),
    name="collective.convocation:SMTP",
)
