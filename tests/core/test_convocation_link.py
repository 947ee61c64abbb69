"""The mail's link to « Mes convocations »: what it names, and what is read back from a URL."""

from collective.convocation.core.convocation_link import is_my_convocations
from collective.convocation.core.convocation_link import landing
from collective.convocation.core.convocation_link import link
from collective.convocation.core.convocation_link import named_in
from collective.convocation.core.convocation_link import named_uid

import pytest


PORTAL = "https://convocations.example/plone"
UID = "073c83b584d048b999babcd4cf7cae05"


def test_the_link_names_the_convocation_in_its_query():
    assert link(PORTAL, UID) == f"{PORTAL}/@@mes-convocations?convocation={UID}"
    # The fragment only where one lands: a fragment never reaches the server through the login.
    assert (
        landing(PORTAL, UID) == f"{PORTAL}/@@mes-convocations?convocation={UID}#convocation-{UID}"
    )


@pytest.mark.parametrize(
    "value", [None, "", "x", UID.upper(), UID + "0", f"../{UID}", [UID], f"{UID}\n"]
)
def test_only_a_uid_is_named(value):
    assert named_uid(value) is None


@pytest.mark.parametrize(
    "url,named",
    [
        (link(PORTAL, UID), UID),
        (f"/plone/@@mes-convocations?convocation={UID}", UID),  # as Plone's login keeps it
        (f"{PORTAL}/mes-convocations?convocation={UID}", UID),
        (f"{PORTAL}/@@mes-convocations?convocation={UID}&convocation={UID}", None),
        (f"{PORTAL}/@@mes-convocations?convocation=nonsense", None),
        (f"{PORTAL}/@@mes-convocations", None),
        (f"https://ailleurs.example/plone/@@mes-convocations?convocation={UID}", None),
        (f"//ailleurs.example/plone/@@mes-convocations?convocation={UID}", None),
        (f"{PORTAL}/ville-a/@@mes-convocations?convocation={UID}", None),
        (f"{PORTAL}/seance?convocation={UID}", None),
        (None, None),
    ],
)
def test_what_a_url_names(url, named):
    assert named_in(url, PORTAL) == named


@pytest.mark.parametrize(
    "url,ours",
    [
        (f"{PORTAL}/@@mes-convocations", True),
        (f"{PORTAL}/@@mes-convocations?convocation={UID}", True),
        ("/plone/@@mes-convocations", True),
        ("https://ailleurs.example/plone/@@mes-convocations", False),
        ("//ailleurs.example/plone/@@mes-convocations", False),
        (f"{PORTAL}/ville-a", False),
        (["x"], False),
        (None, False),
    ],
)
def test_only_my_convocations_is_a_place_to_come_back_to(url, ours):
    assert is_my_convocations(url, PORTAL) is ours
