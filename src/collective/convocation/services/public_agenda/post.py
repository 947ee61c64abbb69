from collective.convocation.operations.public_agenda import publish
from collective.convocation.operations.public_agenda import PublishingRefused
from collective.convocation.services.errors import refuse
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class PublishAgenda(Service):
    """POST <séance>/@publish-agenda: « Publier l'ordre du jour »; answers ``published_at``."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            published_at = publish(self.context)
        except PublishingRefused as refused:
            return refuse(self.request, refused.message)
        return {"published_at": published_at.isoformat()}
