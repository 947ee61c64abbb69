"""The attendance charts: SVG that a parser reads, named, carrying every figure as text."""

from collective.convocation.core import charts
from collective.convocation.core.exports import assiduite
from lxml import etree

import csv
import io


SVG = "{http://www.w3.org/2000/svg}"
KEYS = ("present", "remote", "proxy", "deputy", "absent")


def parsed(svg):
    return etree.fromstring(svg.encode())


def texts(tree):
    return [text.text for text in tree.iter(f"{SVG}text")]


def test_stacked_bars_are_an_image_named_and_carry_each_figure():
    bars = [("Alice Martin", {"present": 3, "proxy": 1}), ("Bruno <Petit>", {"absent": 2})]
    tree = parsed(
        charts.stacked_bars(
            "c1", "Présence à l'appel", "Une barre par élu.", bars, KEYS, assiduite.LABELS
        )
    )
    assert tree.get("role") == "img"
    assert tree.find(f"{SVG}title").text == "Présence à l'appel"
    assert tree.find(f"{SVG}desc").text == "Une barre par élu."
    assert (tree.get("aria-labelledby"), tree.get("aria-describedby")) == ("c1-title", "c1-desc")
    found = texts(tree)
    assert "Alice Martin (4)" in found and "Bruno <Petit> (2)" in found
    assert found.count("3") == 1 and found.count("1") == 1 and found.count("2") == 1
    # The legend names every category in words (not colour alone), each with its own pattern.
    for key in KEYS:
        assert assiduite.LABELS[key] in found
    patterns = {pattern.get("id") for pattern in tree.iter(f"{SVG}pattern")}
    assert patterns == {f"c1-{key}" for key in KEYS}
    titles = [title.text for title in tree.iter(f"{SVG}title")]
    assert "Alice Martin, Représenté (pouvoir) : 1" in titles


def test_rate_bars_write_each_rate_and_a_missing_roll_call():
    groups = [("10/01/2026", [("declared", 67), ("actual", None)])]
    labels = {"declared": "Déclarée", "actual": "Effective"}
    tree = parsed(charts.rate_bars("c2", "Taux de présence", "Par séance.", groups, labels))
    assert tree.get("role") == "img"
    found = texts(tree)
    assert "67 %" in found and "Effective : non relevé" in found and "10/01/2026" in found


def test_colours_contrast_with_white():
    def luminance(colour):
        def channel(value):
            value = int(value, 16) / 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(colour[index : index + 2]) for index in (1, 3, 5))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    for colour, _ in charts.STYLES.values():
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, colour


def test_csv_is_the_emargement_kind_and_inert():
    from collective.convocation.core.attendance_stats import OfficialStats

    stats = OfficialStats(official="x", name="=HYPERLINK(1)", assembly="Conseil", convoked=2)
    stats.declared["present"] = 2
    stats.actual["absent"] = 2
    data = assiduite.officials_csv([stats])
    assert data.startswith(b"\xef\xbb\xbf")
    header, line = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert header[:3] == ["Élu", "Instance", "Séances convoquées"]
    record = dict(zip(header, line, strict=True))
    assert record["Élu"] == "'=HYPERLINK(1)"
    assert record["Présent (déclaré)"] == "2" and record["Absent (appel)"] == "2"
    assert record["Sans réponse (déclaré)"] == "0"
