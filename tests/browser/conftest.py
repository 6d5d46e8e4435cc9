"""Real-browser fixtures: gunicorn with the demo data, Debian's Chromium through Playwright, audits."""
import os
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from ..conftest import Inbox, free_port
from .audit import AXE, DESKTOP, PageAudit, slug
from .server import Server

CHROMIUM = os.environ.get("ALUQSEC_CHROMIUM", "/usr/bin/chromium")
# CI sets this so that a missing browser fails the run instead of skipping the suite.
REQUIRED = os.environ.get("ALUQSEC_BROWSER_TESTS") == "required"
ARTEFACTS = Path(os.environ.get("ALUQSEC_BROWSER_ARTEFACTS", Path(__file__).resolve().parents[2] / "build" / "browser"))
AUDIT = pytest.StashKey()
LAUNCH_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def _unavailable():
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM}"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _unavailable()
    if reason is None:
        return
    if REQUIRED:
        raise pytest.UsageError(f"browser tests required but {reason}")
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    checker = item.config.stash.get(AUDIT, None)
    if checker is not None and report.when == "teardown" and Path(__file__).parent in Path(item.fspath).parents:
        checker.finished = time.monotonic()  # the rest of the suite may run after the browser tests
    if report.when == "call" and report.failed:
        for number, page in enumerate(getattr(item, "browser_pages", [])):
            if not page.is_closed():
                ARTEFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTEFACTS / f"{slug(item.name)}-failure-{number}.png"), full_page=True)
    return report


@pytest.fixture(scope="session")
def inbox():
    """A real SMTP server that keeps what the app sends."""
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def server(inbox, tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("browser"), free_port(), inbox.port)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def audit(request):
    """The page-state audit shared by every journey; prints its totals at the end."""
    checker = PageAudit(ARTEFACTS)
    checker.started = checker.finished = time.monotonic()
    request.config.stash[AUDIT] = checker
    return checker


def pytest_terminal_summary(terminalreporter, config):
    checker = config.stash.get(AUDIT, None)
    if checker is not None:
        terminalreporter.write_line(
            f"browser: axe-core checked {checker.states} page states, the 390 px width check "
            f"{checker.mobile_states}; {checker.seconds:.0f} s of checks in "
            f"{checker.finished - checker.started:.0f} s of browser tests")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def make_page(browser, server, audit, request):
    """Open pages in fresh browser contexts (own cookies) in the given language."""
    contexts = []

    def open_page(locale="fr-CA"):
        # bypass_csp only here: axe-core is injected into pages whose CSP allows 'self' scripts only.
        context = browser.new_context(base_url=server.url, locale=locale, viewport=DESKTOP, bypass_csp=True,
                                      accept_downloads=True, reduced_motion="reduce")
        context.set_default_timeout(30_000)
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        page = context.new_page()
        request.node.browser_pages = getattr(request.node, "browser_pages", []) + [page]
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(make_page):
    return make_page()


@pytest.fixture
def visit_for(audit, server, inbox):
    """Wrap a page so every state it reaches is audited."""
    from .journeys import Visit

    return lambda page: Visit(page, audit, server, inbox)


@pytest.fixture
def visit(page, visit_for):
    return visit_for(page)
