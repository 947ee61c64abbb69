"""The README and the guides in docs/ lead to files that exist, and nowhere outside the package."""

from pathlib import Path

import re
import unicodedata


ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# [text](target) and ![alt](target), the target up to a space or the closing parenthesis.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
CODE = re.compile(r"`[^`\n]*`")


def prose(page: Path) -> str:
    """The page without its code blocks and code spans, where brackets are not links."""
    return CODE.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))


def targets(page: Path) -> list:
    return LINK.findall(prose(page))


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen."""
    kept = "".join(
        char
        for char in heading.strip().lower()
        if char in " -_" or unicodedata.category(char)[0] in "LN"
    )
    return kept.replace(" ", "-")


def anchors(page: Path) -> set:
    return {
        slug(match)
        for match in re.findall(
            r"^#{1,6}\s+(.+?)\s*#*$", FENCE.sub("", page.read_text("utf-8")), re.M
        )
    }


def local(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I)


def test_the_docs_exist_and_the_readme_links_them():
    readme = targets(ROOT / "README.md")
    for name in ("guide-agent.md", "guide-elu.md", "architecture.md"):
        assert (ROOT / "docs" / name).is_file()
        assert f"docs/{name}" in readme


def test_every_relative_link_and_image_points_to_an_existing_file():
    missing = []
    for page in PAGES:
        for target in filter(local, targets(page)):
            path, _, anchor = target.partition("#")
            found = (page.parent / path).resolve() if path else page
            if not found.exists():
                missing.append(f"{page.relative_to(ROOT)} → {target}")
            elif anchor and found.suffix == ".md" and anchor not in anchors(found):
                missing.append(f"{page.relative_to(ROOT)} → {target} (no such heading)")
    assert missing == []


def test_the_guides_show_images_kept_in_docs():
    for name in ("guide-agent.md", "guide-elu.md"):
        images = [t for t in targets(ROOT / "docs" / name) if t.startswith("images/")]
        assert images, name
        for image in images:
            assert (ROOT / "docs" / image).stat().st_size < 300_000, image


def test_no_link_leads_outside_the_package():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert "shared/DESIGN.md" not in text, page.name
        for target in filter(local, targets(page)):
            path = target.partition("#")[0]
            if path:
                assert (page.parent / path).resolve().is_relative_to(ROOT), target
