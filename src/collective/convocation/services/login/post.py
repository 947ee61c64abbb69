"""REST ``@login`` with the throttling: 429 and a French message while a login is locked.

plone.restapi's service asks PAS only when it finds the login: this one counts
the failures of unknown logins too, so that the answers never tell which
logins exist.
"""

from collective.convocation import _
from collective.convocation.security.throttling import lockout_message
from collective.convocation.security.throttling import REFUSED
from collective.convocation.security.throttling import throttle
from collective.convocation.services.errors import refuse
from plone.restapi.deserializer import json_body
from plone.restapi.services.auth.login import Login as PloneLogin


class Login(PloneLogin):
    def reply(self):
        try:
            login = json_body(self.request).get("login")
        except Exception:  # plone.restapi answers malformed bodies itself
            login = None
        plugin = throttle()
        if not isinstance(login, str) or plugin is None:
            return super().reply()
        minutes = plugin.minutes_locked(login)
        if minutes:
            return self.locked(minutes)
        answer = super().reply()
        if self.request.response.getStatus() != 401:
            return answer
        plugin.failed(login)  # counted once, if PAS did not already
        minutes = self.request.get(REFUSED)
        if minutes:
            return self.locked(minutes)
        return refuse(self.request, _("Wrong login or password."), 401, "Invalid credentials")

    def locked(self, minutes):
        self.request.response.setHeader("Retry-After", str(minutes * 60))
        return refuse(self.request, lockout_message(minutes), 429, "Too many failed logins")
