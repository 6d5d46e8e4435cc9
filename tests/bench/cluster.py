"""Generate the cluster-scale database the page benchmark measures (seeded, reproducible).

On top of the demo data (``load_demo``), ``generate(companies, seed)`` adds *companies* member
companies, each with an owner, five submitted assessments (a quick scan, then four baselines a
few months apart: ~470 answers a company, ~1M answers at 2,000 companies), an action plan, a
certification journey per target, registrations to the cluster's events; one draft in ten;
advisors with portfolios of about 200 companies (the demo advisor holds the first), coaching
meetings and reviewed assessments in them; events spread over two years.

Every submission goes through the app's own services (``submit`` scores and stores the
scorecard and whatever else submission precomputes; ``sync_with_gaps`` builds the plan;
``mark_reviewed`` the validated scorecard), so the database is what the app would have built.
Rows that no service computes (accounts, companies, answers, grants, registrations) are bulk
inserted: every generated account shares the demo password's hash (argon2 costs ~0.1 s a hash).

Measured (Dec 2026, 2 cores shared with other work, load average ~12): 2,000 companies in 24 minutes
on SQLite; PostgreSQL at the same pace (400 companies in under 5 minutes).
"""
import random
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, insert, select

from aluqsec.actions.services import sync_with_gaps
from aluqsec.assessments.answering import Entry
from aluqsec.assessments.models import Answer, Assessment, Status
from aluqsec.assessments.services import start_assessment, submit
from aluqsec.auth.models import User
from aluqsec.auth.services import find_user
from aluqsec.companies.models import Company, CompanyRole, Membership
from aluqsec.extensions import db
from aluqsec.questionnaires.services import get_bank

from .cluster_people import add_advisors, add_coaching, add_events, add_journeys, add_reviews

OWNER_DOMAIN = "bench.aluqsec.ca"
SECTORS = ["transformation", "transformation", "primary-aluminium", "equipment-services", "aerospace-supplier",
           "other"]
SIZES = ["1-9", "10-49", "10-49", "50-99", "100-499"]
TARGETS = [["cybersecure-canada"], ["cybersecure-canada", "cpcsc-l1"], ["cmmc-l1", "cpcsc-l1"],
           ["cybersecure-canada", "cmmc-l1"]]
TRADES = ["Extrusion", "Usinage", "Fonderie", "Profilés", "Anodisation", "Moulage", "Laminage", "Soudure",
          "Tôlerie", "Assemblage", "Outillage", "Finition", "Forge", "Découpe", "Structures"]
PLACES = ["Saguenay", "Alma", "Bécancour", "Roberval", "Granby", "Lévis", "Trois-Rivières", "Sept-Îles",
          "Baie-Comeau", "Jonquière", "Drummondville", "Longueuil", "Beauce", "Shawinigan", "Deschambault"]
FIRST = ["Julie", "Marc", "Isabelle", "Patrick", "Chantal", "Daniel", "Geneviève", "Stéphane", "Annie", "Martin",
         "Karine", "Sylvain", "Mélanie", "François", "Nathalie", "Éric", "Josée", "Alexandre", "Sarah", "David"]
LAST = ["Girard", "Fortin", "Pelletier", "Lévesque", "Simard", "Roy", "Côté", "Morin", "Bergeron", "Ouellet",
        "Gauthier", "Dubé", "Caron", "Poulin", "Savard", "Boivin", "Tremblay", "Hébert", "Smith", "Wilson"]
# Days before today of the quick scan and of the four baselines (jittered per company).
HISTORY_DAYS = (720, 540, 360, 180, 30)
CHUNK = 50  # companies per commit


@dataclass(frozen=True)
class Generated:
    """What ``generate`` created, for the bench's summary and the tests."""

    companies: int
    users: int
    assessments: int
    answers: int
    drafts: int
    action_items: int
    advisors: int
    grants: int
    reviewed: int
    events: int
    registrations: int


def owner_email(number):
    return f"owner{number:05d}@{OWNER_DOMAIN}"


def has_draft(number):
    """Say whether generated company *number* keeps an open baseline draft (the first eight, then one in ten)."""
    return number < 8 or number % 10 == 0


def answer_rows(questionnaire, rng, typical, assessment_id, user_id, when):
    """Return the answer rows of one assessment: levels around *typical*, some N/A and "unknown"."""
    rows = []
    for question in questionnaire.questions:
        if question.na_allowed and rng.random() < 0.06:
            entry = Entry("na", "Non applicable : pas cet équipement chez nous.")
        elif rng.random() < 0.04:
            entry = Entry("unknown")
        else:
            entry = Entry(str(round(min(5, max(0, rng.gauss(typical, 1.1))))))
        rows.append(dict(assessment_id=assessment_id, question_id=question.id, value=entry.value,
                         justification=entry.justification, note="", to_confirm=False, revision=1,
                         answered_by_id=user_id, answered_at=when))
    return rows


def _at(days_ago, rng, today):
    day = today - timedelta(days=days_ago + rng.randint(-20, 20))
    return datetime.combine(day, time(13), UTC) + timedelta(minutes=rng.randint(0, 300))


def add_companies(count, rng, password_hash, now):
    """Bulk insert *count* owners, their companies and memberships; return ``[(company id, owner id)]``."""
    users, companies = [], []
    for number in range(count):
        language = "en" if rng.random() < 0.12 else "fr"
        users.append(dict(email=owner_email(number), name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                          password_hash=password_hash, language=language, active=True, created_at=now,
                          email_confirmed_at=now, session_version=1))
        companies.append(dict(legal_name=f"{rng.choice(TRADES)} {rng.choice(PLACES)} {number + 1} inc.",
                              neq=f"33{number:08d}", sector=rng.choice(SECTORS), region=f"{rng.randint(1, 17):02d}",
                              size_band=rng.choice(SIZES), certifications=rng.choice(TARGETS), language=language,
                              benchmark_opt_in=rng.random() < 0.6, created_at=now,
                              verified_at=now if rng.random() < 0.97 else None))
    db.session.execute(insert(User), users)
    db.session.execute(insert(Company), companies)
    user_ids = dict(db.session.execute(select(User.email, User.id).where(User.email.like(f"%@{OWNER_DOMAIN}"))).all())
    company_ids = dict(db.session.execute(select(Company.neq, Company.id).where(Company.neq.like("33%"))).all())
    pairs = [(company_ids[f"33{n:08d}"], user_ids[owner_email(n)]) for n in range(count)]
    db.session.execute(insert(Membership), [dict(company_id=c, user_id=u, role=CompanyRole.OWNER, created_at=now)
                                            for c, u in pairs])
    db.session.commit()
    return pairs


def add_history(number, company, owner, rng, today, bank):
    """Submit the company's five assessments in order through the app's services; return answers written."""
    quick, baseline = bank.latest("quick-scan"), bank.latest("baseline")
    typical, written = rng.uniform(0.6, 2.6), 0
    for step, days_ago in enumerate(HISTORY_DAYS):
        questionnaire = quick if step == 0 else baseline
        when = _at(days_ago, rng, today)
        assessment = start_assessment(company, questionnaire, company.certifications, owner)
        rows = answer_rows(questionnaire, rng, typical + 0.3 * step, assessment.id, owner.id, when)
        db.session.execute(insert(Answer), rows)
        written += len(rows)
        scorecard = submit(assessment, owner)
        if step >= len(HISTORY_DAYS) - 2:  # the plan as the last two submissions left it (saves minutes)
            sync_with_gaps(assessment, scorecard)
        assessment.created_at, assessment.submitted_at = when - timedelta(days=rng.randint(1, 20)), when
    if has_draft(number):
        draft = start_assessment(company, baseline, company.certifications, owner)
        rows = answer_rows(baseline, rng, typical + 1.5, draft.id, owner.id, _at(5, rng, today))
        rows = rows[:len(rows) * 2 // 5]
        db.session.execute(insert(Answer), rows)
        written += len(rows)
    db.session.flush()
    return written


def generate(companies=2000, seed=1, today=None, echo=lambda message: None):
    """Add *companies* generated member companies and their history to the demo database; commit.

    :param seed: the same seed gives the same rows, counts and scores.
    :param today: the date the history leads up to (default: today, UTC).
    :param echo: called with a line of progress now and then.
    :return: a Generated summary of the counts in the database afterwards.
    """
    rng, bank = random.Random(seed), get_bank()
    today = today or datetime.now(UTC).date()
    now = datetime.now(UTC)
    demo_owner = find_user("owner@demo.aluqsec.ca")
    if demo_owner is None:
        raise RuntimeError("load the demo data first (flask demo load)")
    password_hash = demo_owner.password_hash
    pairs = add_companies(companies, rng, password_hash, now)
    echo(f"{companies} companies and owners inserted")
    answers = 0
    for start in range(0, len(pairs), CHUNK):
        chunk = pairs[start:start + CHUNK]
        owners = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_([u for _c, u in chunk])))}
        firms = {c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_([c for c, _u in chunk])))}
        for offset, (company_id, owner_id) in enumerate(chunk):
            answers += add_history(start + offset, firms[company_id], owners[owner_id],
                                   random.Random(f"{seed}-{start + offset}"), today, bank)
        db.session.commit()
        db.session.expunge_all()
        if (start // CHUNK) % 4 == 3 or start + CHUNK >= len(pairs):
            echo(f"  {min(start + CHUNK, len(pairs))} / {len(pairs)} companies: history submitted")
    company_ids = [c for c, _u in pairs]
    advisors = add_advisors(company_ids, rng, password_hash, now)
    add_reviews(advisors, rng)
    add_coaching(advisors, rng, today)
    add_journeys(company_ids, rng, today)
    add_events(pairs, rng, today, now)
    db.session.commit()
    echo("advisors, reviews, coaching, journeys, events and registrations added")
    return summary()


def summary():
    """Count what the database holds now."""
    from aluqsec.actions.models import ActionItem
    from aluqsec.advisors.models import AdvisorGrant
    from aluqsec.auth.models import UserRole
    from aluqsec.events.models import Event, Registration

    def count(*criteria, model):
        return db.session.scalar(select(func.count()).select_from(model).where(*criteria))

    return Generated(
        companies=count(model=Company), users=count(model=User),
        assessments=count(Assessment.status != Status.DRAFT, model=Assessment), answers=count(model=Answer),
        drafts=count(Assessment.status == Status.DRAFT, model=Assessment), action_items=count(model=ActionItem),
        advisors=count(UserRole.role == "advisor", model=UserRole), grants=count(model=AdvisorGrant),
        reviewed=count(Assessment.status == Status.REVIEWED, model=Assessment), events=count(model=Event),
        registrations=count(model=Registration))


def main(argv=None):
    """Generate the cluster into the database of ALUQSEC_DATABASE_URL (migrated first: ``flask db upgrade``)."""
    import argparse

    from aluqsec import create_app
    from aluqsec.demo import load_demo

    parser = argparse.ArgumentParser(description="Add generated member companies and their history to the demo.")
    parser.add_argument("--companies", type=int, default=2000, help="generated companies (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    app = create_app()
    with app.app_context():
        if find_user("owner@demo.aluqsec.ca") is None:
            load_demo(app.config["DEMO_PASSWORD"])
        if find_user(owner_email(0)) is not None:
            raise SystemExit("this database already holds generated companies")
        print(generate(args.companies, args.seed, echo=print))


if __name__ == "__main__":
    main()
