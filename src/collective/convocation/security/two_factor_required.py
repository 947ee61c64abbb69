"""Two-factor login required of a collectivity's agents, when its administrator says so.

An agent of such a collectivity who has not turned it on may log in with his
password (else he could never reach the page that turns it on), but can then do
nothing else: every page sends him to the enrolment page, every REST call is
refused (403, in French), until he is enrolled. ``@login`` gives him no token.
"""

from AccessControl.SecurityManagement import getSecurityManager
from collective.convocation import _
from collective.convocation.interfaces import IBrowserLayer
from collective.convocation.security import two_factor
from plone import api
from plone.rest.interfaces import IAPIRequest
from zExceptions import Forbidden
from zExceptions import Redirect


ENROL_VIEW = "double-authentification"
AGENT_ROLES = ("ConvocationAgent", "ConvocationAdmin")
# What he may still reach: the enrolment page, logging out, and what pages are made of.
ALLOWED_NAMES = {ENROL_VIEW, f"@@{ENROL_VIEW}", "logout", "@@logout", "logged-out", "login"}
RESOURCES = ("++resource++", "++plone++", "++theme++", "++webresource++")
NOT_ENROLLED = _(
    "Your collectivity requires two-factor login of its agents: turn it on from the "
    "« Two-factor login » page before going on."
)


def collectivities_requiring(user):
    """The collectivities where ``user`` is an agent and which require two-factor login."""
    # Asked at every request of a logged-in user: the catalog's index names the few (mostly none)
    # collectivities that require it; only those are woken and their roles looked at.
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Collectivity", agents_need_two_factor=True
    ):
        collectivity = brain._unrestrictedGetObject()
        if set(AGENT_ROLES) & set(user.getRolesInContext(collectivity)):
            found.append(collectivity)
    return found


def must_enrol(user):
    """An agent whose collectivity requires two-factor login, who has not turned it on."""
    if user is None or user.getId() is None or two_factor.is_enabled(user.getId()):
        return False
    return bool(collectivities_requiring(user))


def _allowed(request):
    path = request.get("PATH_INFO", "")
    if any(f"/{prefix}" in path for prefix in RESOURCES):
        return True  # what the enrolment page is made of (never ++api++: that is REST)
    published = request.get("PUBLISHED")
    name = getattr(published, "__name__", None) or path.rstrip("/").rpartition("/")[2]
    return name in ALLOWED_NAMES or path.rstrip("/").rpartition("/")[2] in ALLOWED_NAMES


def confine(event):
    """IPubAfterTraversal (the user is known): an agent who must enrol reaches the enrolment only."""
    request = event.request
    if not IBrowserLayer.providedBy(request) or not two_factor.installed():
        return
    if api.user.is_anonymous() or _allowed(request):
        return
    if not must_enrol(getSecurityManager().getUser()):
        return
    if IAPIRequest.providedBy(request):
        raise Forbidden(api.portal.translate(NOT_ENROLLED))
    raise Redirect(f"{api.portal.get().absolute_url()}/@@{ENROL_VIEW}")
