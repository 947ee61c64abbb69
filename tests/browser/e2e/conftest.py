"""Playwright driving Debian's Chromium (never `playwright install`: it downloads a browser)."""

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
    context = chromium.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
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
