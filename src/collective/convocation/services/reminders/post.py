from collective.convocation.operations.reminders import send_reminders
from collective.convocation.services.body import json_object
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


class Reminders(Service):
    """POST /Plone/@reminders: what `make remind` calls, from a cron."""

    def reply(self):
        # plone.protect's token is for pages; cross-site requests are refused by csrf.py.
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request)  # no field, but a body, if any, is a JSON object
        return {"sent": send_reminders()}
