"""Steps the journeys share, written once so that a changed flow is adapted in one place."""
import re
import time
from dataclasses import dataclass, field

from .server import DEMO_PASSWORD

DEMO = {
    "owner": "owner@demo.aluqsec.ca",
    "member": "member@demo.aluqsec.ca",
    "owner2": "owner2@demo.aluqsec.ca",
    "owner_en": "owner3@demo.aluqsec.ca",
    "advisor": "advisor@demo.aluqsec.ca",
    "organizer": "organizer@demo.aluqsec.ca",
    "admin": "admin@demo.aluqsec.ca",
}
NEW_PASSWORD = "Aluminium-Sécurité-2026!"


@dataclass
class Visit:
    """A person's browser tab: every page state it reaches goes through the audit."""

    page: object
    audit: object
    server: object
    inbox: object
    problems: list = field(default_factory=list)

    def check(self, label):
        """Audit the current page state under *label*."""
        self.problems += self.audit.check(self.page, label)

    def goto(self, path, label=None):
        """Open *path*, fail on an error status, audit the page."""
        response = self.page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        self.check(label or path)

    def follow(self, locator, label=None):
        """Click *locator* (a link or submit button), wait for the page it leads to, audit it unless no label."""
        with self.page.expect_navigation():
            locator.click()
        if label:
            self.check(label)

    def click(self, name, label, role="button"):
        """Click the control called *name* and audit the page it leads to."""
        self.follow(self.page.get_by_role(role, name=name, exact=False).first, label)

    def fetch_prepared(self, link, label):
        """Follow *link* to a prepared file's page, press "Prepare", wait for the worker, and fetch the file.

        The job's page refreshes itself while the file is prepared: it is audited once ready (*label*).
        """
        self.follow(link)
        self.click(re.compile("^(Préparer|Prepare)$"), None)
        ready = self.page.locator("main a[href$='/download']")
        ready.wait_for(timeout=120_000)
        self.check(label)
        return self.fetch(ready.get_attribute("href"))

    def download(self, name, role="link"):
        """Click the link called *name* and return the downloaded file's path and suggested name."""
        with self.page.expect_download() as info:
            self.page.get_by_role(role, name=name).first.click()
        download = info.value
        return download.path(), download.suggested_filename

    def fetch(self, path):
        """GET *path* with this tab's cookies and return the response (for files)."""
        response = self.page.request.get(path, timeout=60_000)
        assert response.ok, f"{path} answered {response.status}"
        return response

    def flash(self):
        """Return the text of the page's status and alert messages."""
        return " ".join(self.page.locator("main [role=status], main [role=alert], main .alert").all_inner_texts())

    def assert_clean(self):
        """Fail with every audit finding of the journey at once."""
        assert not self.problems, f"{len(self.problems)} accessibility/mobile problems:\n" + "\n".join(self.problems)


def log_in(visit, who, password=DEMO_PASSWORD):
    """Log in as a demo role (or an e-mail address), answering a second-factor prompt when one appears."""
    email = DEMO.get(who, who)
    visit.goto("/auth/login", "login")
    page = visit.page
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    visit.follow(page.locator("main form button[type=submit]"))
    answer_mfa_prompt(visit, email)
    assert "/auth/login" not in page.url, f"login as {email} failed: {visit.flash()}"
    visit.check(f"dashboard ({who})")


def answer_mfa_prompt(visit, email):
    """Answer a TOTP prompt if the login flow shows one (advisor, organizer, admin)."""
    page = visit.page
    # A code works once; the app also takes the next 30-second step's code (clock drift). When an earlier
    # login used the current step, give the next one; when both were used, wait for the next step.
    for ahead in (0, 1, 0, 1):
        code = page.locator("input[autocomplete=one-time-code]")
        if not code.count():
            return
        if ahead == 0:
            visit.check("second factor")
        code.fill(visit.server.mfa_code(email, ahead))
        visit.follow(page.locator("main form button[type=submit]"))
        if "/auth/mfa" not in page.url:
            return
        if ahead == 1:
            time.sleep(31 - time.time() % 30)
    raise AssertionError(f"{email}: the second factor was refused: {visit.flash()}")


def log_out(visit):
    """Log out through the account menu."""
    page = visit.page
    page.locator("nav .dropdown-toggle").last.click()
    visit.follow(page.locator("nav form[action$='/auth/logout'] button"))


def last_mail_to(visit, address):
    """Return the body of the last e-mail the app sent to *address*."""
    for message in reversed(visit.inbox.messages):
        if message["To"] == address:
            return message.get_content()
    raise AssertionError(f"no e-mail to {address}; got {[m['To'] for m in visit.inbox.messages]}")


def link_in(body, base_url):
    """Return the path of the first link to the app in an e-mail *body*."""
    match = re.search(re.escape(base_url) + r"(/\S+)", body)
    assert match, f"no link in: {body}"
    return match.group(1)


def sign_up_and_confirm(visit, name, email, company, neq, language_label):
    """Register a company with its first owner and confirm the e-mail address when asked to."""
    page = visit.page
    visit.goto("/auth/signup", "sign-up form")
    page.locator("#name").fill(name)
    page.locator("#email").fill(email)
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.locator("#legal_name").fill(company)
    page.locator("#neq").fill(neq)
    page.locator("#sector").select_option(index=1)
    page.locator("#region").select_option("02")
    page.locator("#size_band").select_option(index=1)
    page.locator("input[name=certifications]").first.check()
    page.get_by_label(language_label, exact=True).check()
    page.locator("#accept").check()
    visit.follow(page.locator("main form button[type=submit]"))
    assert page.locator("main .invalid-feedback").count() == 0, f"sign-up refused: {visit.flash()}"
    visit.check("check your e-mail")
    # Nothing exists until the address is confirmed: open the mailed link, type the password again.
    message = next(m for m in reversed(visit.inbox.messages) if m["To"] == email)
    visit.goto(link_in(message.get_content(), visit.server.url), "confirm the address")
    page.locator("main input[type=password]").first.fill(NEW_PASSWORD)
    visit.follow(page.locator("main form button[type=submit]"))
    assert "/auth/confirm" not in page.url, f"confirmation refused: {visit.flash()}"
    visit.check("dashboard after sign-up")


def confirm_email_if_asked(visit, email):
    """Follow the confirmation link of the last e-mail to *email* when sign-up asks for it."""
    for message in reversed(visit.inbox.messages):
        if message["To"] == email and "confirm" in message.get_content().lower():
            visit.goto(link_in(message.get_content(), visit.server.url), "e-mail confirmed")
            return


def start_assessment(visit, company_id, questionnaire_id):
    """Start an assessment of *questionnaire_id* (quick-scan, baseline); return the assessment's id."""
    page = visit.page
    visit.goto(f"/companies/{company_id}/assessments", "assessments list")
    page.locator(f"input[name=questionnaire][value={questionnaire_id}]").check()
    visit.click(re.compile(r"^(Commencer|Start)$"), "assessment overview")
    return int(re.search(r"/assessments/(\d+)", page.url).group(1))


def answer_domain(visit, answers, then="next", label="answer page"):
    """Answer the questions of the domain on screen and save.

    :param answers: list of (level or "na"/"unknown", text) per question, in order; missing ones stay empty.
        The text is the N/A justification for "na", a note otherwise.
    :param then: "next" (save and continue) or "stay" (save).
    """
    page = visit.page
    questions = page.locator("fieldset.question")
    for index, (value, text) in enumerate(answers[:questions.count()]):
        question = questions.nth(index)
        qid = question.get_attribute("id").removeprefix("question-")
        question.locator(f"#q-{qid}-{value}").check()
        if text:
            question.locator(f"#{'j' if value == 'na' else 'n'}-{qid}").fill(text)
    visit.follow(page.locator(f"button[name=then][value={then}]"), label)


def domain_count(visit):
    """Return the number of questions on the current answer page."""
    return visit.page.locator("fieldset.question").count()


def submit_assessment(visit, assessment_id):
    """Review and submit the assessment; land on its results."""
    visit.goto(f"/assessments/{assessment_id}/submit", "review before submitting")
    visit.click(re.compile("Soumettre l.évaluation|Submit the assessment"), "results after submitting")
    assert "/results" in visit.page.url, visit.flash()


def company_id_of(visit):
    """Return the id of the company the logged-in person belongs to (from the navigation)."""
    href = visit.page.locator("nav a[href*='/assessments']").first.get_attribute("href")
    return int(re.search(r"/companies/(\d+)/", href).group(1))
