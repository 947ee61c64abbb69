"""Where one lands after logging in: agents on their collectivity's home, officials on « Mes convocations »."""

from collective.convocation.browser.official import has_convocations
from collective.convocation.core.convocation_link import landing
from collective.convocation.core.convocation_link import named_in
from collective.convocation.operations.home import agent_collectivities
from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from zope.interface import implementer


LOGIN_PAGES = (
    "login",
    "@@login",
    "login_form",
    "logged_out",
    "@@logout",
    "mail_password_form",
    "@@mes-convocations",
)


@implementer(IRedirectAfterLogin)
class ToMyConvocations:
    """After logging in, unless one was going somewhere: an agent lands on the home of their collectivity
    (the first by title when they serve several: the home links the others), an official on « Mes
    convocations ». Someone both agent and official lands on the agent's home: « Mes convocations »
    stays in the main navigation.
    """

    def __init__(self, context, request):
        self.context, self.request = context, request

    def __call__(self, came_from=None, is_initial_login=False):
        portal_url = api.portal.get().absolute_url()
        # The mail's link: « Mes convocations » naming a convocation, scrolled to its card.
        named = named_in(came_from, portal_url)
        if named:
            return landing(portal_url, named)
        # The pages one logs in from (the pop-up keeps the page it was opened on): none to go back to.
        nowhere = {portal_url} | {f"{portal_url}/{page}" for page in LOGIN_PAGES}
        if came_from and came_from.split("?")[0].rstrip("/") not in nowhere:
            return came_from
        user = api.user.get_current()
        served = agent_collectivities(user)
        if served:
            return served[0].absolute_url()
        if has_convocations(user.getId()):
            return f"{portal_url}/@@mes-convocations"
        return came_from
