"""Playwright driving Debian's Chromium (never `playwright install`: it downloads a browser)."""

from axe_playwright_python.sync_playwright import Axe
from instances import Instance
from pathlib import Path
from playwright.sync_api import sync_playwright
from world import PASSWORD
from world import userid

import pytest


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(
        locale="fr-FR", viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def artifacts():
    """The folder of what the tests saw (screenshots), kept after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshot(page, request, artifacts):
    """Save what the person saw, as a test artifact: screenshot("step-name")."""

    def take(step):
        path = artifacts / f"{request.node.name}-{step}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take


@pytest.fixture
def log_in():
    """log_in(page, portal_url, persona): the login form, filled as the persona would."""

    def fill(page, portal, persona):
        page.goto(f"{portal}/login")
        page.fill("#__ac_name", userid(persona))
        page.fill("#__ac_password", PASSWORD)
        page.click("#buttons-login")

    return fill


@pytest.fixture
def make_start(tmp_path, free_port):
    """make_start(folder=None, env=None): a `make start` instance on a port of its own, stopped at the end."""
    started = []

    def instance(folder=None, env=None):
        started.append(
            Instance(
                folder or tmp_path / "instance", free_port(), tmp_path / "make-start.log", env=env
            )
        )
        return started[-1]

    yield instance
    for each in started:
        if getattr(each, "process", None) is not None and each.process.poll() is None:
            each.stop()


# WCAG 2.1 A/AA, plus 2.2's minimum target size (2.5.8: 24 × 24 px).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desk": 1280, "phone": 390}


def violations_of(page, within=None):
    """axe-core's WCAG violations on the page as it is now (or in the `within` selector), one line per node."""
    results = Axe().run(
        page, context=within, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}
    )
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} — {violation['help']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def sideways_overflow(page):
    """How many px the page scrolls sideways (0 when it fits its viewport)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.fixture
def accessible():
    """accessible(page): fail on any axe-core violation, and on sideways scrolling, of the page as shown.

    accessible(page, within="#content") checks only that part for violations.
    """

    def check(page, within=None):
        found = violations_of(page, within)
        assert not found, f"{page.url}: " + "\n".join(found)
        overflow = sideways_overflow(page)
        assert overflow <= 0, f"{page.url} scrolls {overflow} px sideways"

    return check


@pytest.fixture(params=sorted(WIDTHS))
def width_page(chromium, request):
    """A page at each width the people use: a desk (1280 px) and a phone (390 px)."""
    width = WIDTHS[request.param]
    context = chromium.new_context(
        locale="fr-FR",
        viewport={"width": width, "height": 900},
        has_touch=width < 600,
        # Bootstrap's colour transitions off: axe reads a button's colours as they settle,
        # not half-way through a hover or focus change.
        reduced_motion="reduce",
    )
    yield context.new_page()
    context.close()
