"""Write versions.cfg (buildout's pins) from constraints.txt (pip's), so both install the same set.

Usage: python scripts/versions_from_constraints.py > versions.cfg
"""

from pathlib import Path


def pins(constraints: Path):
    for line in constraints.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            yield name.strip(), version.strip()


def versions_cfg(constraints: Path) -> str:
    lines = [
        "# Generated from constraints.txt by scripts/versions_from_constraints.py: edit constraints.txt.",
        "[versions]",
    ]
    lines += [f"{name} = {version}" for name, version in pins(constraints)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(versions_cfg(Path(__file__).resolve().parent.parent / "constraints.txt"), end="")
