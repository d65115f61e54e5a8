"""Playwright on Debian's Chromium, with axe-core run on every page a test visits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM must still work there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_DIR = Path(__file__).resolve().parent / "axe"
WCAG21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/learningnet-screenshots"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Our users' browsers ask for Norwegian; LocaleMiddleware honours Accept-Language.
    return {**browser_context_args, "locale": "nb-NO"}


def axe_violations(page) -> list[tuple]:
    page.evaluate(AXE_DIR.joinpath("axe.min.js").read_text())
    page.evaluate("l => axe.configure({locale: l})", json.loads(AXE_DIR.joinpath("nb.json").read_text()))
    result = page.evaluate("o => axe.run(document, o)", WCAG21_AA)
    return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]


class AccessiblePage:
    """Wraps a Playwright page: after every navigation it runs axe-core and records violations.

    Navigations come from goto, clicks and form posts alike; `check()` runs at the next action
    and at the end of the test, so no page a test visits escapes the audit.
    """

    def __init__(self, page):
        self.page = page
        self.visited: list[str] = []
        self.violations: dict[str, list] = {}
        self._dirty = False
        page.on("load", lambda *_: setattr(self, "_dirty", True))

    def check(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.page.wait_for_load_state("load")
        url = self.page.url
        self.visited.append(url)
        found = axe_violations(self.page)
        if found:
            self.violations[url] = found

    def __getattr__(self, name):
        self.check()
        return getattr(self.page, name)

    def screenshot(self, name: str, **kwargs) -> Path:
        self.check()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True, **kwargs)
        return path


@pytest.fixture
def ui(page):
    wrapped = AccessiblePage(page)
    yield wrapped
    wrapped.check()
    assert wrapped.visited, "the test visited no page"
    assert not wrapped.violations, json.dumps(wrapped.violations, indent=1, ensure_ascii=False)


def login(ui, live_server, email: str, password: str) -> None:
    ui.goto(f"{live_server.url}/accounts/login/")
    ui.get_by_label("E-post").fill(email)
    ui.get_by_label("Passord").fill(password)
    ui.get_by_role("button", name="Logg inn").click()
    ui.wait_for_url(f"{live_server.url}/")
