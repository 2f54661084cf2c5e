"""End-to-end tests: Playwright drives Debian's Chromium against a live server.

Playwright's own browser download cannot work here, so the tests launch the system Chromium
(`apt-get install chromium`). Where it is missing, every test in this folder is skipped, and
the end of the pytest run says so in one line rather than passing quietly.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = None if shutil.which(CHROMIUM) else f"Chromium not found at {CHROMIUM}"


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.e2e)
            if MISSING:
                item.add_marker(pytest.mark.skip(reason=f"end-to-end: {MISSING}"))


def pytest_terminal_summary(terminalreporter):
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "end-to-end" in str(r)]
    if skipped:
        terminalreporter.write_line(
            f"END-TO-END TESTS SKIPPED ({len(skipped)}): {MISSING}; "
            "install it with `apt-get install chromium`",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session", autouse=True)
def prompt_live_server():
    # The test server writes a response's headers and body in separate packets; with Nagle's
    # algorithm the body then waits for the browser's delayed ACK, some 40 ms per request.
    from django.core.servers.basehttp import WSGIRequestHandler

    WSGIRequestHandler.disable_nagle_algorithm = True


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the main thread; the tests' own ORM calls
    # (factories, assertions) run between its calls, never inside them. Only while browsing:
    # the deploy check rightly refuses this setting.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Watched:
    """What a page did that a safe page never does: dialogs, console errors, foreign requests."""

    def __init__(self, page, origin):
        self.dialogs, self.console_errors, self.foreign_requests = [], [], []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", lambda request: self._request(request, origin))

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _request(self, request, origin):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != origin:
            self.foreign_requests.append(request.url)

    def assert_clean(self):
        assert self.dialogs == []
        assert self.console_errors == []
        assert self.foreign_requests == []


def new_page(browser, live_server, **context_options):
    context = browser.new_context(base_url=live_server.url, **context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.watched = Watched(page, urlsplit(live_server.url).netloc)
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page on the live server; `page.watched` records what it did."""
    context, page = new_page(browser, live_server, viewport={"width": 1280, "height": 800})
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A 375 px wide touch screen, as on a small phone."""
    context, page = new_page(
        browser,
        live_server,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    context.close()
