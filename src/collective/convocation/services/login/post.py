"""REST ``@login`` with the throttling: 429 and a French message while a login is locked.

plone.restapi's service asks PAS only when it finds the login: this one counts
the failures of unknown logins too, so that the answers never tell which
logins exist.

Two-factor login: the body's ``otp`` (a TOTP code or a recovery code) goes where
the PAS plugin reads the login form's; without a valid one the answer says a code
is needed (401), and an agent who must turn it on first gets no token (403).
"""

from collective.convocation import _
from collective.convocation.security import two_factor
from collective.convocation.security.throttling import lockout_message
from collective.convocation.security.throttling import REFUSED
from collective.convocation.security.throttling import throttle
from collective.convocation.security.two_factor_required import must_enrol
from collective.convocation.security.two_factor_required import NOT_ENROLLED
from collective.convocation.services.errors import refuse
from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.services.auth.login import Login as PloneLogin


class Login(PloneLogin):
    def reply(self):
        try:
            body = json_body(self.request)
            login, otp = body.get("login"), body.get("otp")
        except Exception:  # plone.restapi answers malformed bodies itself
            login = otp = None
        if isinstance(otp, str):
            self.request.form[two_factor.OTP_FIELD] = otp
        plugin = throttle()
        if not isinstance(login, str) or plugin is None:
            return super().reply()
        minutes = plugin.minutes_locked(login)
        if minutes:
            return self.locked(minutes)
        answer = super().reply()
        if self.request.response.getStatus() != 401:
            return self.unless_must_enrol(answer, login)
        plugin.failed(login)  # counted once, if PAS did not already
        minutes = self.request.get(REFUSED)
        if minutes:
            return self.locked(minutes)
        code = self.request.get(two_factor.REFUSED)
        if code:
            return refuse(
                self.request, two_factor.refused_message(code), 401, "Two-factor code needed"
            )
        return refuse(self.request, _("Wrong login or password."), 401, "Invalid credentials")

    def locked(self, minutes):
        self.request.response.setHeader("Retry-After", str(minutes * 60))
        return refuse(self.request, lockout_message(minutes), 429, "Too many failed logins")

    def unless_must_enrol(self, answer, login):
        """No token for an agent who must turn two-factor login on first."""
        user = api.portal.get().acl_users.getUser(login) if "token" in (answer or {}) else None
        if user is not None and must_enrol(user):
            return refuse(self.request, NOT_ENROLLED, 403, "Two-factor login required")
        return answer
