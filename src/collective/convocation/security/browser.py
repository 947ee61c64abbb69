"""Plone's old ``mail_password`` page, answering the same whether the login exists or not."""

from Products.Five import BrowserView

import logging


logger = logging.getLogger(__name__)


class MailPassword(BrowserView):
    def __call__(self):
        login = self.request.form.get("userid", "")
        try:
            self.context.portal_registration.mailPassword(login, self.request)
        except ValueError as error:
            logger.info("No reset mail for %s: %s", login, error)
        return self.context.restrictedTraverse("@@mail_password_response")()
