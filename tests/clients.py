"""The site as its clients use it: REST as a persona, a REST login, a CSV read as a spreadsheet, a PDF."""

from io import BytesIO
from pypdf import PdfReader
from world import PASSWORD
from world import userid

import base64
import csv
import io
import requests


# What a spreadsheet computes when a cell starts with it.
FORMULAS = ("=", "+", "-", "@", "\t", "\r")


def rest(method, persona, url, **kwargs):
    return requests.request(
        method,
        url,
        auth=(userid(persona), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
        **kwargs,
    )


def get(persona, url):
    # plone.rest routes to the service on "Accept: application/json"; the answer may be a file
    return requests.get(
        url,
        auth=None if persona == "anonymous" else (userid(persona), PASSWORD),
        headers={"Accept": "application/json"},
        timeout=60,
    )


def rest_login(url, login, password):
    """Log in over REST (@login): (accepted, the response)."""
    response = requests.post(
        url + "/@login",
        json={"login": login, "password": password},
        headers={"Accept": "application/json"},
        timeout=30,
    )
    return response.status_code == 200, response


def spreadsheet(response):
    """The CSV as a spreadsheet reads it: UTF-8 with BOM, ";"."""
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )


def pdf(response):
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def upload(data, filename="annexe.pdf", content_type="application/pdf"):
    """A file field as plone.restapi reads it from a JSON body."""
    return {
        "data": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def agent_call(method, url, auth=None, **fields):
    """A REST call with ``fields`` as its JSON body, as the agent unless ``auth`` says who."""
    return requests.request(
        method,
        url,
        auth=auth or (userid("agent"), PASSWORD),
        headers={"Accept": "application/json"},
        json=fields,
        timeout=60,
    )
