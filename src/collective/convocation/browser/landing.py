"""Where one lands after logging in: agents on their collectivity's home, officials on « Mes convocations ».

Two ways in: Plone's login form redirects through ToMyConvocations; the personal bar's pop-up
(mockup's pat-plone-modal) posts the same form by XHR, then reloads the page it was opened on,
whatever the redirect said. Opened on the portal's front page, that page itself sends them on.
"""

from collective.convocation.browser.official import has_convocations
from collective.convocation.core.convocation_link import landing
from collective.convocation.core.convocation_link import named_in
from collective.convocation.interfaces import IBrowserLayer
from collective.convocation.operations.home import agent_collectivities
from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from plone.rest.interfaces import IAPIRequest
from zExceptions import Redirect
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
# They run the site: Plone's front page and Plone's landing stay theirs.
SITE_ROLES = {"Manager", "Site Administrator"}


def landing_of(user):
    """The page where ``user``'s work waits, or None (site managers, people with nothing here).

    An agent: the home of their collectivity (the first by title when they serve several: the
    home links the others); an official: « Mes convocations ». Someone both agent and official
    lands on the agent's home: « Mes convocations » stays in the main navigation.
    """
    if SITE_ROLES & set(api.user.get_roles(user=user)):
        return None
    served = agent_collectivities(user)
    if served:
        return served[0].absolute_url()
    if has_convocations(user.getId()):
        return f"{api.portal.get().absolute_url()}/@@mes-convocations"
    return None


@implementer(IRedirectAfterLogin)
class ToMyConvocations:
    """After logging in, unless one was going somewhere: where their work waits (landing_of)."""

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
        return landing_of(api.user.get_current()) or came_from


def front_page_sends_on(event):
    """IPubAfterTraversal (the user is known): the portal's front page sends an official or an agent
    where their work waits, as the login does; the pop-up's reload after logging in ends here.

    Only the bare portal URL, read by a browser with GET: its other views (/view) still show it, REST
    answers as ever; managers keep it.
    """
    request = event.request
    if not IBrowserLayer.providedBy(request) or IAPIRequest.providedBy(request):
        return
    if request.get("REQUEST_METHOD") != "GET":
        return
    if request.get("ACTUAL_URL", "").rstrip("/") != api.portal.get().absolute_url():
        return
    if api.user.is_anonymous():
        return
    target = landing_of(api.user.get_current())
    if target:
        raise Redirect(target)
