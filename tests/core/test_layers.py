"""The package's folders are its layers: each imports only from the layers below it (README, « Layout »)."""

from pathlib import Path

import ast
import pytest


PACKAGE = Path(__file__).resolve().parents[2] / "src" / "collective" / "convocation"
NAME = "collective.convocation"

# What each layer may not import, read from every module's import statements (local ones included).
INSTALL = {"setuphandlers", "upgrades"}
REST = {"services", "deserializer", "serializer"}
FACES = REST | {"browser"}
FORBIDDEN = {
    "core": INSTALL
    | FACES
    | {"content", "operations", "subscribers", "security", "privacy", "behaviors", "indexers"}
    | {"vocabularies", "interfaces", "permissions", "schemas"},
    "content": INSTALL | FACES | {"operations", "subscribers"},
    "operations": INSTALL | FACES | {"subscribers"},
    "subscribers": INSTALL | FACES,
    "browser": INSTALL | REST | {"subscribers"},
    "services": INSTALL | {"browser", "subscribers"},
    "deserializer": INSTALL | {"browser", "services", "subscribers"},
    "serializer": INSTALL | {"browser", "services", "subscribers"},
}


def imported(path):
    """The collective.convocation modules a file imports, as their dotted names."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def layer_of(module):
    parts = module.split(".")
    return parts[2] if module.startswith(NAME + ".") and len(parts) > 2 else None


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_only_the_layers_below_it(layer):
    crossings = sorted(
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in (PACKAGE / layer).rglob("*.py")
        for module in imported(path)
        if layer_of(module) in FORBIDDEN[layer]
    )
    assert crossings == []


def test_at_most_eight_modules_at_the_package_root():
    modules = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(modules) <= 8, modules
