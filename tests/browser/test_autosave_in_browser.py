"""The autosave script in a real browser (Chromium): answers stored as they change, a warning before leaving."""
import shutil
import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from aluqsec.assessments.models import Answer
from aluqsec.extensions import db

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")
ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def served_app(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(10)


@pytest.fixture
def chromium_page():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        yield page
        browser.close()


# The browser's own "leave this page?" prompt follows a cancelled beforeunload event.
LEAVING = "() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); " \
          "return e.defaultPrevented; }"


def autosaved(response):
    return response.url.endswith("/autosave") and response.request.method == "POST"


def stored(assessment_id):
    db.session.expire_all()
    rows = db.session.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
    return {row.question_id: (row.value, row.note) for row in rows}


def test_answers_are_saved_as_they_change_and_leaving_with_unsaved_text_warns(make, served_app, chromium_page):
    company = make.make_company(owner=make.make_user(email="o@example.ca"))
    draft = make.make_assessment(company)
    page = chromium_page
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{served_app}/auth/login")
    page.fill("#email", "o@example.ca")
    page.fill("#password", make.PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.goto(f"{served_app}/assessments/{draft.id}/domains/access")

    with page.expect_response(autosaved):
        page.check("#q-qs-mfa-all-3")
    playwright_api.expect(page.locator("#status-qs-mfa-all")).to_have_text("Enregistrée")
    assert stored(draft.id) == {"qs-mfa-all": ("3", "")}

    with page.expect_response(autosaved, timeout=10000):  # after a pause in typing
        page.fill("#n-qs-mfa-all", "Authy sur tous les comptes")
    playwright_api.expect(page.locator("#status-qs-mfa-all")).to_have_text("Enregistrée")
    assert stored(draft.id) == {"qs-mfa-all": ("3", "Authy sur tous les comptes")}

    with page.expect_response(autosaved) as response:  # changed again: no conflict with one's own save
        page.check("#q-qs-mfa-all-4")
    assert response.value.status == 200
    assert stored(draft.id)["qs-mfa-all"][0] == "4"

    assert page.evaluate(LEAVING) is False  # everything stored: leave freely
    page.type("#n-qs-accounts", "Comptes partagés")  # leaving before the pause that saves it...
    assert page.evaluate(LEAVING) is True  # ...asks the browser to warn
    with page.expect_response(autosaved, timeout=10000):
        pass
    playwright_api.expect(page.locator("#status-qs-accounts")).to_have_text("Enregistrée")
    assert page.evaluate(LEAVING) is False
    assert stored(draft.id)["qs-accounts"] == (None, "Comptes partagés")
    assert not errors, errors  # no CSP refusal, no script error
