"""One way for the add-on's REST services to read their input: a JSON object, each field checked.

plone.restapi's ``json_body`` decodes the body but raises a DeserializationError
(an error 500 outside its own content services), accepts any size, and leaves
the types to the caller. Here a body is a JSON object of bounded size; each
field the service reads has the type and the length its schema gives it, the
schema of the matching form (schemas.py); anything else is an error 400 with
a French reason that names the field, never the value sent.
"""

from collective.convocation import _
from collective.convocation.schemas import BadInput
from collective.convocation.schemas import read
from collective.convocation.services.errors import bad_request

import json
import re


MAX_BODY = 256 * 1024  # a renotification's message is the largest text a service takes
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def parse_object(body: bytes | str, content_type: str = "") -> dict:
    """The JSON object in ``body`` (an empty body is an empty object); BadInput otherwise."""
    if content_type.split(";")[0].strip().lower() in FORM_TYPES:
        raise BadInput(_("Send the data as a JSON object (Content-Type: application/json)."))
    if len(body or b"") > MAX_BODY:
        raise BadInput(_("The request is too large."))
    if not body or not body.strip():
        return {}
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: thousands of nested brackets
        raise BadInput(_("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise BadInput(_("The body must be a JSON object, between braces."))
    return data


def declared_length(request) -> int:
    try:
        return int(request.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # the body read says how long it is


def json_object(request, interface=None, **defaults) -> dict:
    """The fields of ``interface`` (schemas.py) read from the request's JSON body, checked.

    Without a schema, the body, if any, must still be a JSON object. Refused:
    BadRequest (400, in French; services/errors.py).
    """
    try:
        if declared_length(request) > MAX_BODY:  # refused before reading it
            raise BadInput(_("The request is too large."))
        data = parse_object(request.get("BODY") or b"", request.getHeader("Content-Type") or "")
        return {} if interface is None else read(data, interface, **defaults)
    except BadInput as refused:
        raise bad_request(refused.message) from None


def query_choice(request, name: str, choices: tuple, default: str | None = None):
    """The query parameter ``name``, one of ``choices`` (``default`` when absent)."""
    value = request.form.get(name, default)
    if not isinstance(value, str) or value not in choices:  # a list when repeated, a record...
        raise bad_request(
            _(
                "The parameter « ${name} » takes one of: ${choices}.",
                mapping={"name": name, "choices": ", ".join(choices)},
            )
        )
    return value


# JSON strings (skipped: brackets inside them do not nest), and the brackets that do.
JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
JSON_BRACKET = re.compile(rb"[\[\]{}]")
MAX_DEPTH = 200  # Python's json gives up near 1,000 with a RecursionError, not a ValueError


def too_deep(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON ``body`` nests arrays and objects deeper than ``limit``."""
    depth = 0
    for bracket in JSON_BRACKET.finditer(JSON_STRING.sub(b'""', body)):
        depth += 1 if bracket.group() in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def refuse_deep_json(site, event):
    """Entering the site, before authentication: a JSON body nested too deep is a 400.

    plone.restapi's JWT plugin parses every ``application/json`` body while
    authenticating, and lets the RecursionError of a body of a few thousand
    brackets through: an error 500 on any POST, before any service runs.
    """
    request = event.request
    if request.get("REQUEST_METHOD", "GET").upper() not in ("POST", "PUT", "PATCH"):
        return
    if "json" not in (request.getHeader("Content-Type") or "").lower():
        return
    body = request.get("BODY") or b""
    if isinstance(body, str):
        body = body.encode("utf-8")
    if too_deep(body):
        raise bad_request(_("The body nests too deep."))
