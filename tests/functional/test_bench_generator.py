"""The cluster generator of ``make bench``: reproducible with a seed, scored by the app's own scoring."""
import json
from dataclasses import asdict
from datetime import date

from sqlalchemy import func, select

from aluqsec.advisors.models import AdvisorGrant
from aluqsec.assessments.models import Answer, Assessment, Status
from aluqsec.assessments.services import scorecard_for
from aluqsec.auth.models import User
from aluqsec.auth.services import find_user
from aluqsec.companies.models import Company
from aluqsec.demo import load_demo
from aluqsec.events.models import Event, Registration
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank
from tests.bench.cluster import HISTORY_DAYS, generate, summary

COMPANIES = 8
TODAY = date(2026, 11, 2)


def _generated_assessments():
    return list(db.session.scalars(select(Assessment).join(Company, Company.id == Assessment.company_id)
                                   .where(Company.neq.like("33%")).order_by(Assessment.id)))


def _snapshot():
    """What a second run with the same seed must reproduce: counts, then every generated assessment."""
    assessments = [(a.company.neq, a.questionnaire_id, a.status, a.submitted_at and a.submitted_at.date(),
                    a.scorecard and a.scorecard["overall"]) for a in _generated_assessments()]
    # By what the rows say, not their ids: PostgreSQL's sequences go on counting after a table is emptied.
    registrations = db.session.execute(
        select(Event.title_fr, Event.starts_at, User.email, Registration.status)
        .join(Event, Event.id == Registration.event_id).join(User, User.id == Registration.user_id)
        .order_by(Event.starts_at, Event.title_fr, User.email)).all()
    return asdict(summary()), assessments, registrations


def _empty_database():
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def _build(app):
    load_demo(app.config["DEMO_PASSWORD"])
    generate(COMPANIES, seed=7, today=TODAY)


def test_same_seed_builds_the_same_cluster(app, app_context):
    _build(app)
    first = _snapshot()
    _empty_database()
    _build(app)
    assert _snapshot() == first
    counts = first[0]
    assert counts["companies"] == 21 + COMPANIES  # the demo's 3 + 18, and the generated ones


def test_generated_history_is_scored_by_the_app_and_complete(app, app_context):
    _build(app)
    assessments = _generated_assessments()
    submitted = [a for a in assessments if a.status != Status.DRAFT]
    assert len(submitted) == COMPANIES * len(HISTORY_DAYS)
    assert len(assessments) - len(submitted) == COMPANIES  # the first eight keep a draft
    bank = get_bank()
    for assessment in submitted:
        answered = db.session.scalar(select(func.count()).select_from(Answer)
                                     .where(Answer.assessment_id == assessment.id))
        assert answered == len(bank.latest(assessment.questionnaire_id).questions)
        # The stored scorecard is what the app's scoring gives for the stored answers.
        assert assessment.scorecard == json.loads(json.dumps(asdict(scorecard_for(assessment))))
    latest = max(submitted, key=lambda a: a.submitted_at)
    assert latest.submitted_at.date() <= TODAY
    advisor = find_user("advisor@demo.aluqsec.ca")
    granted = db.session.scalar(select(func.count()).select_from(AdvisorGrant)
                                .join(Company, Company.id == AdvisorGrant.company_id)
                                .where(AdvisorGrant.advisor_id == advisor.id, Company.neq.like("33%")))
    assert granted == COMPANIES  # fewer than 200 companies: the demo advisor holds them all
    reviewed = [a for a in submitted if a.status == Status.REVIEWED]
    assert all(a.validated_scorecard is not None and a.reviewed_by_id == advisor.id for a in reviewed)
    generated_owners = db.session.scalar(select(func.count(func.distinct(Registration.user_id)))
                                         .where(Registration.company_id.in_(
                                             select(Company.id).where(Company.neq.like("33%")))))
    assert generated_owners == COMPANIES
    for event in db.session.scalars(select(Event)):
        assert 0 <= event.seats_taken <= event.capacity
        confirmed = db.session.scalar(select(func.count()).select_from(Registration).where(
            Registration.event_id == event.id, Registration.status == "confirmed"))
        assert confirmed == event.seats_taken
