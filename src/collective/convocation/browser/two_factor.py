"""Two-factor login in the browser: the login form's code field, and « Double authentification ».

``@@double-authentification`` (the logged-in user's own): turn it on (scan the QR
code or type the secret, confirm with a code, keep the 10 recovery codes shown
once), or off (with a code or a recovery code).
"""

from collective.convocation import _
from collective.convocation.core import two_factor as core
from collective.convocation.core.dates import french_date
from collective.convocation.core.legal import PARIS
from collective.convocation.security import two_factor
from collective.convocation.security.two_factor_required import collectivities_requiring
from pathlib import Path
from plone import api
from plone.base.interfaces import ILoginFormSchema
from plone.protect import CheckAuthenticator
from Products.CMFPlone.browser.login import login as plone_login
from Products.CMFPlone.browser.login.login import LoginForm as PloneLoginForm
from Products.CMFPlone.browser.login.password_reset import PasswordResetView
from Products.CMFPlone.RegistrationTool import get_member_by_login_name
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import field
from zExceptions import Unauthorized
from zope import schema
from zope.interface import Interface

import segno


class ICodeField(Interface):
    ac_otp = schema.TextLine(
        title=_("Verification code (if two-factor login is on)"),
        required=False,
    )


class LoginForm(PloneLoginForm):
    """Plone's login form, with the code of the users who turned two-factor login on."""

    fields = field.Fields(ILoginFormSchema) + field.Fields(ICodeField)
    index = ViewPageTemplateFile(str(Path(plone_login.__file__).parent / "templates" / "login.pt"))

    def updateWidgets(self):
        super().updateWidgets()
        widget = self.widgets["ac_otp"]
        widget.name = widget.id = two_factor.OTP_FIELD
        # The widget keeps the attributes it renders in a dict, made on first read.
        widget.attributes.update(
            {"id": two_factor.OTP_FIELD, "autocomplete": "one-time-code", "inputmode": "numeric"}
        )

    @button.handler(PloneLoginForm.buttons["login"])
    def handleLogin(self, action):
        why = self.request.get(two_factor.REFUSED)
        if why and api.user.is_anonymous():
            self.request.response.expireCookie("__ac", path="/")
            api.portal.show_message(
                two_factor.refused_message(why), request=self.request, type="error"
            )
            return
        PloneLoginForm.handleLogin.func(self, action)


class PasswordReset(PasswordResetView):
    """The set-password link logs in by itself (Plone's setting), but never past the code."""

    def _auto_login(self, userid, password):
        member = get_member_by_login_name(self.context, userid, False)
        if member is not None and two_factor.is_enabled(member.getId()):
            return self.finish()  # « log in » with the new password and the code
        return super()._auto_login(userid, password)


def qr_svg(text):
    """The QR code of ``text`` as inline SVG, named by the figure's caption."""
    svg = segno.make(text, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", svgclass="two-factor-qr", lineclass=None
    )
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def grouped(secret):
    """The secret in groups of four, easier to type."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TwoFactorView(BrowserView):
    """GET shows where the user stands; POST ``action`` = start, confirm, disable."""

    recovery_codes = None  # shown once, in the answer to the confirming POST

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("double-authentification")
        # The page may show a secret or recovery codes: no copy anywhere.
        self.request.response.setHeader("Cache-Control", "no-store")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.act(self.request.form.get("action"), self.request.form.get("code", ""))
        return self.index()

    def userid(self):
        return api.user.get_current().getId()

    def act(self, action, code):
        userid = self.userid()
        if action == "start":
            two_factor.start_enrolment(userid)
        elif action == "confirm":
            codes = two_factor.confirm_enrolment(userid, code)
            if codes is None:
                self.error = _("Wrong verification code: type the code your app shows now.")
            else:
                self.recovery_codes = codes
        elif action == "disable":
            if self.required():
                self.error = _("Your collectivity requires two-factor login: it stays on.")
            elif two_factor.disable(userid, code):
                api.portal.show_message(_("Two-factor login is off."), request=self.request)
            else:
                self.error = _("Wrong or already used verification code.")

    error = None

    def enabled(self):
        return two_factor.is_enabled(self.userid())

    def enabled_on(self):
        found = two_factor.record(self.userid())
        return french_date(found["enabled_at"].astimezone(PARIS).date())

    def recovery_left(self):
        return two_factor.recovery_left(self.userid())

    def required(self):
        return bool(collectivities_requiring(api.user.get_current().getUser()))

    def pending(self):
        """{"secret", "grouped", "qr"} while enrolling, else None."""
        secret = two_factor.pending_secret(self.userid())
        if secret is None:
            return None
        login = api.user.get_current().getUserName()
        uri = core.provisioning_uri(secret, login)
        return {"secret": secret, "grouped": grouped(secret), "qr": qr_svg(uri)}

    def action(self):
        return f"{api.portal.get().absolute_url()}/@@double-authentification"
