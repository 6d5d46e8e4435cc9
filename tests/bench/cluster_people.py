"""The generated cluster's advisors, reviews, coaching, journeys and events (see ``cluster.py``)."""
from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import insert, select, update

from aluqsec.advisors.models import AdvisorGrant, CoachingMeeting, Commitment, GrantChange, GrantStatus
from aluqsec.assessments.models import Assessment, Status
from aluqsec.auth.mfa import new_secret
from aluqsec.auth.models import Role, User, UserRole
from aluqsec.auth.services import find_user
from aluqsec.events.models import Event, EventSession, Registration, RegistrationStatus
from aluqsec.extensions import db
from aluqsec.progress.models import Journey
from aluqsec.questionnaires.services import get_bank
from aluqsec.reviews.services import mark_reviewed, set_validated

PORTFOLIO = 200  # companies per advisor, as the cluster's advisors carry
STAGES = ["self_assessment", "self_assessment", "remediation", "remediation", "pre_audit", "audit_booked",
          "certified"]
KINDS = ["circle", "training", "training", "awareness", "webinar"]


def add_advisors(company_ids, rng, password_hash, now):
    """Share the companies among advisors, ~PORTFOLIO each, the demo advisor first.

    :return: ``{advisor id: [ids of the companies granted with the review scope]}``.
    """
    demo = find_user("advisor@demo.aluqsec.ca")
    count = max(1, round(len(company_ids) / PORTFOLIO))
    advisors = [demo.id]
    for number in range(1, count):
        user = User(email=f"advisor{number:02d}@bench.aluqsec.ca", name=f"Conseillère {number}",
                    password_hash=password_hash, language="fr", email_confirmed_at=now, totp_secret=new_secret())
        user.role_grants = [UserRole(role=str(Role.ADVISOR))]
        db.session.add(user)
        db.session.flush()
        advisors.append(user.id)
    portfolios = {advisor: company_ids[index::count] for index, advisor in enumerate(advisors)}
    grants = [dict(company_id=company, advisor_id=advisor, scope="review" if rng.random() < 0.4 else "view",
                   status=GrantStatus.ACTIVE, updated_at=now)
              for advisor, companies in portfolios.items() for company in companies]
    db.session.execute(insert(AdvisorGrant), grants)
    rows = db.session.execute(select(AdvisorGrant.id, AdvisorGrant.scope, AdvisorGrant.company_id,
                                     AdvisorGrant.advisor_id).where(AdvisorGrant.company_id.in_(company_ids))).all()
    db.session.execute(insert(GrantChange), [dict(grant_id=g, action="granted", scope=s, actor_id=None, at=now)
                                             for g, s, _c, _a in rows])
    db.session.commit()
    in_review = {advisor: [] for advisor in advisors}
    for _grant, scope, company, advisor in sorted(rows):
        if scope == "review":
            in_review[advisor].append(company)
    return in_review


def add_reviews(review_portfolios, rng):
    """Review the latest assessment of half the companies in review scope through the app's services."""
    questions = [q.id for q in get_bank().latest("baseline").questions]
    with current_app.test_request_context():  # mark_reviewed mails the owners (to the outbox here)
        for advisor_id, companies in review_portfolios.items():
            advisor = db.session.get(User, advisor_id)
            for company_id in companies[::2]:
                latest = db.session.scalar(
                    select(Assessment).where(Assessment.company_id == company_id, Assessment.status != Status.DRAFT)
                    .order_by(Assessment.submitted_at.desc(), Assessment.id.desc()).limit(1))
                set_validated(latest, {q: str(rng.randint(0, 3)) for q in rng.sample(questions, 4)}, advisor)
                mark_reviewed(latest, advisor)
            db.session.commit()


def add_coaching(review_portfolios, rng, today):
    """Add one or two coaching meetings, with commitments, to the companies each advisor reviews."""
    for advisor_id, companies in review_portfolios.items():
        for company_id in companies:
            for number in range(rng.randint(1, 2)):
                meeting = CoachingMeeting(company_id=company_id, advisor_id=advisor_id,
                                          met_on=today - timedelta(days=30 + 90 * number + rng.randint(0, 20)),
                                          notes="Revue des priorités : AMF, copies hors ligne, réseau de l'usine.")
                meeting.commitments = [
                    Commitment(description="Activer l'AMF sur le courriel", owner="Direction",
                               due_on=today + timedelta(days=rng.randint(-30, 60))),
                    Commitment(description="Tester la restauration d'une copie", owner="TI",
                               due_on=today + timedelta(days=rng.randint(-30, 90)))]
                db.session.add(meeting)
    db.session.flush()


def add_journeys(company_ids, rng, today):
    """Bulk insert one certification journey per company (its first target)."""
    certifications = dict(db.session.execute(
        select(Assessment.company_id, Assessment.targets).where(Assessment.company_id.in_(company_ids))).all())
    db.session.execute(insert(Journey), [
        dict(company_id=company, certification=(certifications.get(company) or ["cybersecure-canada"])[0],
             stage=rng.choice(STAGES), self_assessment_on=today - timedelta(days=rng.randint(30, 700)),
             target_on=today + timedelta(days=rng.randint(60, 500)), updated_at=datetime.now(UTC))
        for company in company_ids])


def add_events(pairs, rng, today, now):
    """Add ~one event per 15 companies over two years, and register every owner to about three events."""
    organizer = find_user("organizer@demo.aluqsec.ca")
    topics = sorted(get_bank().topics)
    for number in range(max(10, len(pairs) // 15)):
        kind = rng.choice(KINDS)
        day = today + timedelta(days=rng.randint(-540, 180))
        starts = [datetime.combine(day + timedelta(days=14 * n), time(14), UTC) for n in range(3 if kind == "circle"
                                                                                            else 1)]
        online = kind == "webinar" or rng.random() < 0.3
        region = f"{rng.randint(1, 17):02d}"
        event = Event(kind=kind, title_fr=f"Activité {number + 1} : sécurité au quotidien",
                      title_en=f"Activity {number + 1}: everyday security",
                      description_fr="Une activité du programme de la grappe.",
                      description_en="An activity of the cluster's programme.",
                      topics=rng.sample(topics, 2), language="fr", format="online" if online else "in_person",
                      address="" if online else f"{rng.randint(10, 999)} rue Principale", region=region,
                      online_link="https://visio.aluqsec.ca/bench" if online else "",
                      capacity=300 if kind == "webinar" else rng.choice([20, 30, 40, 60]), facilitator="AluQSec",
                      registration_deadline=starts[0] - timedelta(days=2), starts_at=starts[0],
                      ends_at=starts[-1] + timedelta(hours=3), created_by_id=organizer.id, created_at=now)
        event.sessions = [EventSession(starts_at=s, ends_at=s + timedelta(hours=3)) for s in starts]
        db.session.add(event)
    db.session.flush()
    events = list(db.session.scalars(select(Event).order_by(Event.id)))
    taken = {event.id: event.seats_taken for event in events}
    registered = set(db.session.execute(select(Registration.event_id, Registration.user_id)).all())
    rows = []
    for company_id, owner_id in pairs:
        for event in rng.sample(events, min(3, len(events))):
            if (event.id, owner_id) in registered:
                continue
            confirmed = taken[event.id] < event.capacity
            taken[event.id] += confirmed
            past = event.ends_at < now
            rows.append(dict(event_id=event.id, user_id=owner_id, company_id=company_id,
                             status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
                             queued_at=now, attended=(rng.random() < 0.8) if past and confirmed else None,
                             created_at=now))
    db.session.execute(insert(Registration), rows)
    for event_id, seats in taken.items():
        db.session.execute(update(Event).where(Event.id == event_id).values(seats_taken=seats))
