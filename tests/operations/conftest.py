"""Fixtures for the operations' tests: what users typed, hostile or careless."""

from clients import rest
from PIL import Image
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from world import userid

import pytest
import transaction


@pytest.fixture
def secret(tmp_path):
    """An image file of the server, that markup in a name could embed."""
    path = tmp_path / "secret.png"
    Image.new("RGB", (60, 60), "red").save(path)
    return str(path)


@pytest.fixture
def hostile(functional, secret, world_of):
    """The notified séance, where officials and agents typed markup and formulas."""
    world = world_of
    seance = world.seances["notified"]
    texts = {
        "title": "Conseil <municipal> & co",
        "location": f'<img src="{secret}" width="300" height="300"/> Salle & annexe',
        "function": '<font size="40" color="red">Adjoint</font>',
        "group": "<para>Groupe</para> =1+1",
        "file": f'Tarifs <img src="{secret}"/> & <b>grille</b>',
    }
    with api.env.adopt_roles(["Manager"]):
        seance.title = texts["title"]
        seance.location = texts["location"]
        for mandate in world.council.objectValues():
            if getattr(mandate, "portal_type", "") == "Mandate":
                mandate.function = texts["function"]
                mandate.group = texts["group"]
        createContentInContainer(
            seance,
            "File",
            title=texts["file"],
            file=NamedBlobFile(b"PK\x03\x04 docx", filename="<grille>&.docx"),
        )
        seance.reindexObject()
    transaction.commit()
    # The officials type their own names, over REST.
    names = {
        "official": {"first_name": f'<img src="{secret}"/>', "last_name": '=HYPERLINK("http://x")'},
        "official2": {"first_name": "-2", "last_name": "@SUM(A1)"},
    }
    for persona, properties in names.items():
        response = rest(
            "PATCH",
            persona,
            f"{functional['portal'].absolute_url()}/@users/{userid(persona)}",
            json=properties,
        )
        assert response.status_code == 204, response.text
    transaction.begin()  # what those requests wrote (their convocations' names), seen here
    return {"seance": seance.absolute_url(), "texts": texts, "world": world}
