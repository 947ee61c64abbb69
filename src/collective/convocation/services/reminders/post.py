from collective.convocation.reminders import send_reminders
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class Reminders(Service):
    """POST /Plone/@reminders: what `make remind` calls, from a cron."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        return {"sent": send_reminders()}
