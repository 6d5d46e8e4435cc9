"""The pages the bench measures, who signs in for each, and their SQL queries per request.

Every page is one the demo data already has (the demo owner's company, the demo advisor's
portfolio, the demo organizer's busiest event), so the same URL is counted at demo size and
again once the generator has added the cluster around it.
"""
from dataclasses import dataclass

import pyotp
from sqlalchemy import func, select

from aluqsec.assessments.models import Assessment, Status
from aluqsec.auth.services import find_user
from aluqsec.companies.models import Company
from aluqsec.events.models import Registration
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank
from tests.conftest import QueryCounter

ACCOUNTS = {"owner": "owner@demo.aluqsec.ca", "drafter": "owner2@demo.aluqsec.ca",
            "advisor": "advisor@demo.aluqsec.ca", "organizer": "organizer@demo.aluqsec.ca",
            "admin": "admin@demo.aluqsec.ca"}
MAIN_NEQ, DRAFT_NEQ = "1160000017", "1170000024"


@dataclass(frozen=True)
class Page:
    """A page to measure: its label, the role signed in (None: anonymous), its URL, HTML or not."""

    label: str
    role: str | None
    url: str
    html: bool = True


def _latest(company_id, **criteria):
    query = select(Assessment).where(Assessment.company_id == company_id, Assessment.status != Status.DRAFT)
    for name, value in criteria.items():
        query = query.where(getattr(Assessment, name) == value)
    return db.session.scalar(query.order_by(Assessment.submitted_at.desc(), Assessment.id.desc()).limit(1))


def resolve_pages():
    """Return the Pages, with the ids found in the demo data (call in an app context)."""
    main = db.session.scalar(select(Company).where(Company.neq == MAIN_NEQ))
    other = db.session.scalar(select(Company).where(Company.neq == DRAFT_NEQ))
    draft = db.session.scalar(select(Assessment).where(Assessment.company_id == other.id,
                                                       Assessment.status == Status.DRAFT))
    domain = get_bank().latest(draft.questionnaire_id).domains[0].id
    reviewed = _latest(main.id, status=Status.REVIEWED)
    busiest = db.session.scalar(select(Registration.event_id).group_by(Registration.event_id)
                                .order_by(func.count().desc(), Registration.event_id).limit(1))
    return [
        Page("login", None, "/auth/login"),
        Page("owner dashboard", "owner", "/"),
        Page("answer one domain", "drafter", f"/assessments/{draft.id}/domains/{domain}"),
        Page("results", "owner", f"/assessments/{_latest(main.id).id}/results"),
        Page("events list", "owner", "/events"),
        Page("calendar .ics", "owner", "/calendar/{token}.ics", html=False),
        Page("action plan", "owner", f"/companies/{main.id}/plan"),
        Page("progress", "owner", f"/companies/{main.id}/progress"),
        Page("advisor portfolio", "advisor", "/advisor/portfolio"),
        Page("review", "advisor", f"/assessments/{reviewed.id}/review"),
        Page("coaching", "advisor", f"/companies/{main.id}/coaching"),
        Page("organizer demand view", "organizer", "/organizer/demand"),
        Page("organizer event", "organizer", f"/organizer/events/{busiest}"),
        Page("programme dashboard", "organizer", "/organizer/programme"),
        Page("admin users", "admin", "/admin/users"),
        # Last: the requests still queued when wrk stops would weigh on the next measurement.
        Page("sector report request", "organizer", "/organizer/demand/report.pdf", html=False),
    ]


# Long work asked through its prepare page (POST), then run by one worker: (label, role, URL).
LONG_WORK = [("advisor portfolio PDF", "advisor", "/advisor/portfolio/report.pdf"),
             ("sector report PDF", "organizer", "/organizer/demand/report.pdf"),
             ("funders' report PDF", "organizer", "/organizer/programme/report.pdf"),
             ("funders' report XLSX", "organizer", "/organizer/programme/report.xlsx")]


def compute_programme_figures():
    """Compute and keep the programme page's default period, as the worker's hourly job does (app context)."""
    from aluqsec.programme.stored import compute, default_period

    compute(*default_period())
    db.session.commit()


def calendar_token(email):
    """Return the calendar feed token of *email* (the bench opens "My events" first, which creates it)."""
    return find_user(email).calendar_token


def sign_in(app, client, email, password):
    """Sign *client* in, typing the TOTP code for staff (replay guard reset: the bench signs in often)."""
    response = client.post("/auth/login", data={"email": email, "password": password})
    if response.status_code == 302 and response.headers["Location"].endswith("/auth/mfa"):
        with app.app_context():
            user = find_user(email)
            user.totp_last_step = None
            code = pyotp.TOTP(user.totp_secret).now()
            db.session.commit()
        response = client.post("/auth/mfa", data={"code": code})
    if response.status_code != 302:
        raise RuntimeError(f"could not sign in as {email}: {response.status_code}")


def query_counts(app, pages, password):
    """Return ``{page label: SQL statements of one request}``, each page warm (asked once before).

    No application context is held around the requests: each has its own, as in production.
    """
    app.config["WTF_CSRF_ENABLED"] = False
    counts, clients = {}, {None: app.test_client()}
    try:
        for role, email in ACCOUNTS.items():
            clients[role] = app.test_client()
            sign_in(app, clients[role], email, password)
        clients["owner"].get("/my/events")
        with app.app_context():
            token, engine = calendar_token(ACCOUNTS["owner"]), db.engine
        for page in pages:
            url = page.url.format(token=token)
            clients[page.role].get(url)
            with QueryCounter(engine) as counter:
                response = clients[page.role].get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{page.label} ({url}) answered {response.status_code}")
            counts[page.label] = counter.count
    finally:
        app.config["WTF_CSRF_ENABLED"] = True
    return counts


def saver_specs(count):
    """Return the answer-save clients: ``[(owner e-mail, draft id, domain id, [question ids], {id: fingerprint})]``.

    The first generated companies each keep a baseline draft (``cluster.has_draft``); each
    client saves the first domain of its own draft.
    """
    from aluqsec.assessments.answering import Entry
    from aluqsec.assessments.services import answers_of, entry_of

    from .cluster import owner_email

    domain = get_bank().latest("baseline").domains[0]
    specs = []
    for number in range(count):
        company = db.session.scalar(select(Company).where(Company.neq == f"33{number:08d}"))
        draft = db.session.scalar(select(Assessment).where(Assessment.company_id == company.id,
                                                           Assessment.status == Status.DRAFT))
        stored = {qid: entry_of(row).fingerprint for qid, row in answers_of(draft).items()}
        questions = [question.id for question in domain.questions]
        # An unanswered question's fingerprint is the empty one: the form sends it as loaded.
        specs.append((owner_email(number), draft.id, domain.id, questions,
                      {qid: stored.get(qid, Entry(None).fingerprint) for qid in questions}))
    return specs
