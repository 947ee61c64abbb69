"""Cross-site requests to the REST API are refused when they ride on the login cookie.

A page of another site can make the browser POST to the API with the
official's or the agent's ``__ac`` cookie: ``Accept: application/json`` and
a ``text/plain`` or form-encoded body need no CORS preflight. plone.restapi's
services turn plone.protect's token check off (an app cannot send the token),
so such a request used to record receipts, answers, roll calls, and even a
cancellation through ``@workflow/cancel``.

The rule, for a request that writes (POST, PUT, PATCH, DELETE) to the API and
is authenticated by a cookie (no ``Authorization`` header): it must come from
the site's own origin (the ``Origin`` header, or the ``Referer`` when the
browser sends no ``Origin``), from an origin the site's CORS policy lets send
credentials, or, when the browser sends neither, carry a JSON body, which a
page of another site cannot send without a preflight. Apps that authenticate
with Basic or a JWT Bearer header are not concerned: a browser never adds
those to a request on its own. The Classic UI's pages keep plone.protect's
tokens, which this rule does not touch.
"""

from collective.convocation import _
from plone import api
from plone.rest.interfaces import IAPIRequest
from plone.rest.interfaces import ICORSPolicy
from urllib.parse import urlsplit
from zExceptions import Forbidden
from zope.component import queryMultiAdapter


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of ``url`` (lowercase), or "" when it has none."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_json(content_type: str) -> bool:
    media_type = content_type.split(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def cross_site(
    *,
    method: str,
    cookie_authenticated: bool,
    site_origin: str,
    host: str = "",
    origin: str = "",
    referer: str = "",
    content_type: str = "",
    trusted_origins: tuple = (),
) -> bool:
    """Whether a request must be refused as a cross-site request (see the module's doc)."""
    if method.upper() not in UNSAFE_METHODS or not cookie_authenticated:
        return False
    allowed = {origin_of(site_origin), *map(origin_of, trusted_origins)} - {""}

    def foreign(url):
        # Behind a proxy that keeps the Host header, Zope's own URL may say http://localhost:8080.
        found = origin_of(url)
        return found not in allowed and not (host and found.split("://")[-1] == host.lower())

    if origin and origin.strip().lower() != "null":
        return foreign(origin)
    if origin or referer:  # "null" (a sandboxed frame, a redirect), or a Referer alone
        return foreign(referer)
    return not is_json(content_type)


def trusted_origins(context, request):
    """The origins the site's CORS policy lets send credentials (plone.rest's CORSPolicy)."""
    policy = queryMultiAdapter((context, request), ICORSPolicy)
    if policy is None or not getattr(policy, "allow_credentials", False):
        return ()
    return tuple(origin for origin in getattr(policy, "allow_origin", ()) or () if origin != "*")


def refuse_cross_site_requests(event):
    """IPubAfterTraversal: the user is known, the service not yet called."""
    request = event.request
    if not IAPIRequest.providedBy(request) or request.method.upper() not in UNSAFE_METHODS:
        return
    cookie_authenticated = request._auth is None and not api.user.is_anonymous()
    if not cookie_authenticated:
        return
    published = request.get("PUBLISHED")
    context = getattr(published, "context", None) or api.portal.get()
    if cross_site(
        method=request.method,
        cookie_authenticated=True,
        site_origin=request.get("SERVER_URL", ""),
        host=request.getHeader("Host") or "",
        origin=request.getHeader("Origin") or "",
        referer=request.getHeader("Referer") or "",
        content_type=request.getHeader("Content-Type") or "",
        trusted_origins=trusted_origins(context, request),
    ):
        raise Forbidden(
            api.portal.translate(
                _(
                    "This request comes from another site: it is refused. "
                    "Act from the portal's own pages, or authenticate your app with a token."
                )
            )
        )
