"""Demo assessments: a history of submitted assessments and an action plan in progress."""
import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from ..actions.services import plan, sync_with_gaps, update
from ..assessments.answering import Entry
from ..assessments.models import Assessment
from ..assessments.services import save_entries, start_assessment, submit
from ..auth.services import find_user
from ..companies.models import Company
from ..extensions import db
from ..questionnaires.services import get_bank

# (company NEQ, questionnaire, submitted on (None = draft), typical level, share answered)
HISTORY = [
    ("1160000017", "quick-scan", date(2026, 3, 10), 1.4, 1.0),
    ("1160000017", "baseline", date(2026, 4, 21), 1.6, 1.0),
    ("1160000017", "baseline", date(2026, 10, 6), 2.3, 1.0),
    ("1170000024", "quick-scan", date(2026, 9, 2), 1.8, 1.0),
    ("1170000024", "baseline", None, 2.0, 0.4),
    ("1180000031", "quick-scan", date(2026, 8, 18), 2.6, 1.0),
]


def _answers(questionnaire, rng, typical, share):
    answers = {}
    for question in questionnaire.questions:
        if rng.random() > share:
            continue
        if question.na_allowed and rng.random() < 0.08:
            answers[question.id] = Entry("na", "Nous n'avons pas cet équipement.")
        elif rng.random() < 0.05:
            answers[question.id] = Entry("unknown")
        else:
            level = round(min(5, max(0, rng.gauss(typical, 1.1))))
            answers[question.id] = Entry(str(level))
    return answers


def load_assessments():
    """Create the demo assessments of companies that have none; return how many."""
    bank, created = get_bank(), 0
    started = set(db.session.scalars(select(Assessment.company_id).distinct()))
    for neq, questionnaire_id, submitted_on, typical, share in HISTORY:
        company = db.session.scalar(select(Company).where(Company.neq == neq))
        if company is None or company.id in started:
            continue
        owner = company.memberships[0].user
        questionnaire = bank.latest(questionnaire_id)
        assessment = start_assessment(company, questionnaire, company.certifications, owner)
        rng = random.Random(f"{neq}-{questionnaire_id}-{submitted_on}")
        save_entries(assessment, _answers(questionnaire, rng, typical, share), owner, {})
        if submitted_on is not None:
            sync_with_gaps(assessment, submit(assessment, owner))
            when = datetime.combine(submitted_on, datetime.min.time(), UTC) + timedelta(hours=15)
            assessment.created_at, assessment.submitted_at = when - timedelta(days=9), when
        created += 1
    db.session.flush()
    _assign_actions()
    return created


def _assign_actions():
    """Give the first open actions of the main demo company an owner, a date and a status."""
    company = db.session.scalar(select(Company).where(Company.neq == "1160000017"))
    member = find_user("member@demo.aluqsec.ca")
    if company is None or member is None:
        return
    for index, item in enumerate([i for i in plan(company.id) if i.status != "done"][:4]):
        if item.assignee_id is None:
            status = "in_progress" if index == 0 else "todo"
            update(item, member.id if index % 2 else company.memberships[0].user_id,
                   date(2026, 12, 15) + timedelta(days=21 * index), status)
