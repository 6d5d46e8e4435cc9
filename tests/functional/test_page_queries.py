"""Every main page issues as many SQL queries at demo size as on a cluster-sized history."""
import secrets

from sqlalchemy import select

from aluqsec.assessments.models import Assessment, Status
from aluqsec.auth.models import Role
from aluqsec.events.services import register
from aluqsec.extensions import db

from ..conftest import login, post

SECTOR, REGION = "transformation", "02"


def _company(make, owner=None, history=1, verified=True):
    company = make.make_company(owner=owner, verified=verified, benchmark_opt_in=True, sector=SECTOR, region=REGION,
                                certifications=["cybersecure-canada", "cmmc-l1"])
    for number in range(history):
        level = str((company.id + number) % 5)
        make.make_assessment(company, answers={"qs-mfa-all": level, "qs-backups": str(4 - int(level)),
                                               "qs-patching": "2", "qs-training": level}, submitted=True)
    return company


def _grow(make, advisor, companies, history, events, registrations, owner):
    """Add *companies* granted to *advisor*, each with *history* submissions, and upcoming events."""
    for _ in range(companies):
        make.make_grant(_company(make, history=history), advisor)
    made = [make.make_event(days_ahead=10 + n, capacity=30, topics=("backup-recovery", "patching"))
            for n in range(events)]
    for event in made[:registrations]:
        register(event, owner, owner.memberships[0].company)
    db.session.commit()


def _counts(app, count_queries, pages, texts=None):
    """Return ``{url: queries}``; *texts* ``{url: words}`` must appear on those pages."""
    counts, texts = {}, texts or {}
    for email, urls in pages.items():
        client = app.test_client()
        if email:
            login(client, email)
        for url in urls:
            with count_queries() as counter:
                response = client.get(url)
            assert response.status_code == 200, url
            assert texts.get(url, "") in response.get_data(as_text=True), url
            counts[url] = counter.count
        if email:
            post(client, "/auth/logout")
    return counts


def test_page_queries_are_the_same_at_demo_size_and_on_a_mid_size_cluster(app, make, count_queries):
    owner = make.make_user(email="owner@example.ca")
    company = _company(make, owner=owner, history=2)
    draft = make.make_assessment(company, "baseline", answers={})
    advisor = make.make_user(email="advisor@example.ca", roles=[Role.ADVISOR])
    make.make_user(email="organizer@example.ca", roles=[Role.ORGANIZER])
    make.make_user(email="admin@example.ca", roles=[Role.ADMIN])
    make.make_grant(company, advisor)
    owner.calendar_token = secrets.token_urlsafe(32)
    db.session.commit()
    _grow(make, advisor, companies=5, history=1, events=3, registrations=2, owner=owner)
    latest = max(a.id for a in company_assessments(company))
    pages = {
        "owner@example.ca": ["/", f"/assessments/{draft.id}/domains/access", f"/assessments/{latest}/results",
                             "/events", f"/companies/{company.id}/plan", f"/companies/{company.id}/progress",
                             f"/calendar/{owner.calendar_token}.ics"],
        "advisor@example.ca": ["/advisor/portfolio", "/advisor/portfolio?sort=activity",
                               f"/companies/{company.id}/progress"],
        "organizer@example.ca": ["/organizer/demand", "/organizer/events"],
        "admin@example.ca": ["/admin/users"],
    }
    demo = _counts(app, count_queries, pages)
    # A mid-size cluster: 60 more companies with 3 submissions each, 30 more events, 12 registrations,
    # and 3 more submissions of the owner's own company.
    _grow(make, advisor, companies=60, history=3, events=30, registrations=12, owner=owner)
    for level in ("1", "3", "2"):
        make.make_assessment(company, answers={"qs-mfa-all": level, "qs-backups": level}, submitted=True)
    latest_now = max(a.id for a in company_assessments(company))
    pages["owner@example.ca"][2] = f"/assessments/{latest_now}/results"
    grown = _counts(app, count_queries, pages, {
        "/advisor/portfolio": "66 entreprises vous ont donné accès · page 1 sur 2",
        f"/companies/{company.id}/progress": "Votre maturité et la médiane"})
    grown[f"/assessments/{latest}/results"] = grown.pop(f"/assessments/{latest_now}/results")
    assert grown == demo


def company_assessments(company):
    return db.session.scalars(select(Assessment).where(Assessment.company_id == company.id,
                                                       Assessment.status != Status.DRAFT)).all()
