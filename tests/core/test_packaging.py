"""The pins and the two ways of installing stay in step."""

from pathlib import Path

import configparser
import re
import sys


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from versions_from_constraints import pins  # noqa: E402
from versions_from_constraints import versions_cfg  # noqa: E402


def test_constraints_pin_plone_and_no_prerelease():
    pinned = dict(pins(ROOT / "constraints.txt"))
    assert pinned["Plone"] == "6.2.2"
    assert pinned["plone.app.layout"] == "6.0.2"
    prereleases = {
        name: version for name, version in pinned.items() if re.search(r"(a|b|rc|dev)\d*$", version)
    }
    assert prereleases == {}


def test_buildout_uses_the_same_pins():
    assert (ROOT / "versions.cfg").read_text(encoding="utf-8") == versions_cfg(
        ROOT / "constraints.txt"
    )
    buildout = configparser.ConfigParser()
    buildout.read(ROOT / "buildout.cfg")
    assert buildout["buildout"]["extends"] == "versions.cfg"
    assert buildout["instance"]["recipe"] == "plone.recipe.zope2instance"
    assert "collective.convocation" in buildout["instance"]["eggs"].split()
