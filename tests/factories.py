"""Small factories for tests; each commits what it makes."""
import itertools
from datetime import UTC, datetime

from aluqsec.auth.services import create_user
from aluqsec.companies.models import CompanyRole
from aluqsec.companies.services import add_member, create_company
from aluqsec.extensions import db

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_user(email=None, name="Test User", roles=(), language="fr", password=PASSWORD):
    user = create_user(email or f"user{next(_counter)}@example.ca", name, password, language,
                       roles=roles)
    db.session.commit()
    return user


def make_company(owner=None, neq=None, legal_name=None, verified=False, **fields):
    """Add a company; ``verified=True`` marks it a verified member (counted in aggregates)."""
    number = next(_counter)
    owner = owner or make_user()
    values = dict(legal_name=legal_name or f"Entreprise {number} inc.",
                  neq=neq or f"{1100000000 + number}", sector="transformation", region="02",
                  size_band="10-49", certifications=["cybersecure-canada"], language="fr")
    values.update(fields)
    company = create_company(owner, **values)
    if verified:
        company.verified_at = datetime.now(UTC)
    db.session.commit()
    return company


def make_member(company, user=None, role=CompanyRole.MEMBER):
    user = user or make_user()
    add_member(company, user, role)
    db.session.commit()
    return user


def make_assessment(company, questionnaire_id="quick-scan", answers=None, submitted=False, user=None,
                    targets=None, version=None):
    """Add an assessment with *answers* ``{question id: "0".."5" | "na" | "unknown"}`` (latest version by default)."""
    from aluqsec.actions.services import sync_with_gaps
    from aluqsec.assessments.answering import Entry
    from aluqsec.assessments.services import save_entries, start_assessment, submit
    from aluqsec.questionnaires.services import get_bank

    user = user or company.memberships[0].user
    bank = get_bank()
    questionnaire = bank.latest(questionnaire_id) if version is None else bank.get(questionnaire_id, version)
    assessment = start_assessment(company, questionnaire, targets if targets is not None else company.certifications,
                                  user)
    entries = {qid: Entry(str(value), "Pas d'usine" if str(value) == "na" else "")
               for qid, value in (answers or {}).items()}
    save_entries(assessment, entries, user, {})
    if submitted:
        sync_with_gaps(assessment, submit(assessment, user))
    db.session.commit()
    return assessment


def make_event(days_ahead=14, capacity=5, topics=("incident-response",), sessions=1, deadline_days_before=1,
               **fields):
    """Add an event starting *days_ahead* days from now (negative: in the past)."""
    from datetime import datetime, timedelta

    from aluqsec.events.models import Event, EventSession

    start = (datetime.now(UTC) + timedelta(days=days_ahead)).replace(second=0, microsecond=0)
    values = dict(kind="circle" if sessions > 1 else "training", title_fr="Atelier réponse aux incidents",
                  title_en="Incident response workshop", description_fr="Préparez votre plan.",
                  description_en="Prepare your plan.", topics=list(topics), language="fr", format="in_person",
                  address="1 rue Racine, Saguenay", region="02", online_link="", capacity=capacity,
                  facilitator="Nadia Côté", registration_deadline=start - timedelta(days=deadline_days_before))
    values.update(fields)
    event = Event(**values)
    event.sessions = [EventSession(starts_at=start + timedelta(weeks=n), ends_at=start + timedelta(weeks=n, hours=3))
                      for n in range(sessions)]
    event.starts_at, event.ends_at = event.sessions[0].starts_at, event.sessions[-1].ends_at
    db.session.add(event)
    db.session.commit()
    return event


def make_grant(company, advisor, scope="view"):
    """Give *advisor* active access to *company*, as its owner would."""
    from aluqsec.advisors.services import grant_access

    grant = grant_access(company, advisor, scope, company.memberships[0].user)
    db.session.commit()
    return grant
