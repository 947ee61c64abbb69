"""Plone pages that told too much: ``mail_password`` (which logins exist), ``author`` and the
sharing search (anyone's name)."""

from collective.convocation.security.need_to_know import listable_accounts
from collective.convocation.security.need_to_know import lists_everyone
from pathlib import Path
from plone.app.workflow.browser.sharing import SharingView
from Products.CMFPlone.browser import author as plone_author
from Products.CMFPlone.browser.author import AuthorView
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

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


class Author(AuthorView):
    """Plone's author page shows an account to itself and to those who list members only."""

    index = ViewPageTemplateFile(
        str(Path(plone_author.__file__).parent / "templates" / "author.pt")
    )

    @property
    def author(self):
        if self.is_owner or lists_everyone():
            return super().author
        return {}

    @property
    def author_content(self):
        return super().author_content if self.author else []


class Sharing(SharingView):
    """The sharing page (and REST ``@sharing``) finds the accounts of this collectivity only."""

    def user_search_results(self):
        allowed = listable_accounts(self.context)
        found = super().user_search_results()
        return found if allowed is None else [user for user in found if user["id"] in allowed]
