"""Electronic convocation of elected officials for French local authorities."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "collective.convocation"

_ = MessageFactory(PACKAGE_NAME)
