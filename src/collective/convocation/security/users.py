"""plone.restapi's ``@users`` where it skips the password rule or tells which logins exist.

``PATCH @users/<id>`` sets a password without asking PAS's validation plugins;
``POST @users/<id>/reset-password`` answers 404 for an unknown login and sends
the mail for a known one.
"""

from collective.convocation.security.policy import check_password
from plone.restapi.services.users.add import UsersPost as PloneUsersPost
from plone.restapi.services.users.update import UsersPatch as PloneUsersPatch
from zExceptions import BadRequest

import logging


logger = logging.getLogger(__name__)


class UsersPatch(PloneUsersPatch):
    def _change_user_password(self, user, value):
        problem = check_password(value if isinstance(value, str) else "")
        if problem:
            raise BadRequest(problem)  # aborts the whole PATCH: nothing half-written
        return super()._change_user_password(user, value)


class UsersPost(PloneUsersPost):
    def update_password(self, data):
        if list(data) != []:
            return super().update_password(data)
        # Asking for the mail: the same answer whether the login exists or not.
        login = self.params[0]
        try:
            if self._get_user_by_login_name(login) is not None:
                self.context.portal_registration.mailPassword(login, self.request)
        except ValueError as error:  # no email address: logged, not told
            logger.info("No reset mail for %s: %s", login, error)
        self.request.response.setStatus(204)
        return None
