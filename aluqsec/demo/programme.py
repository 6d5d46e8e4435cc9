"""A year of the cluster's programme: past events with attendance and feedback, and quick scans before and after.

Companies that came to an event on a topic answer the later quick scan one or two levels higher on that
topic's questions; the others drift a little. The programme dashboard then has something to show.
"""
import random
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from ..actions.services import sync_with_gaps
from ..assessments.answering import Entry
from ..assessments.models import Assessment, Status
from ..assessments.services import answers_of, save_entries, start_assessment, submit
from ..companies.models import Company
from ..events.attendance import is_completed
from ..events.models import Event, EventSession, Registration, RegistrationStatus, SessionAttendance
from ..extensions import db
from ..models import utcnow
from ..programme.models import EventFeedback
from ..questionnaires.services import get_bank
from .events import COMPLETION_SHARE, ZONE

FIRST_SCAN_DAYS_AGO, SECOND_SCAN_DAYS_AGO = 340, 25
# (days ago of the first session, kind, sessions, title fr, title en, topic, how many cluster companies came)
PAST = [
    (300, "training", 1, "Atelier : copies de sauvegarde qui résistent aux rançongiciels",
     "Workshop: backups that survive ransomware", "backup-recovery", 7),
    (250, "circle", 3, "Cercle de partage : notre premier plan de réponse aux incidents",
     "Sharing circle: our first incident response plan", "incident-response", 6),
    (190, "awareness", 1, "Sensibilisation : l'hameçonnage par texto et par courriel",
     "Awareness: phishing by text message and e-mail", "awareness-training", 8),
    (140, "training", 1, "Formation : l'authentification multifacteur pas à pas",
     "Training: multi-factor authentication step by step", "authentication", 6),
    (95, "circle", 2, "Cercle de partage : les correctifs au bureau et à l'usine",
     "Sharing circle: patching at the office and in the plant", "patching", 5),
]
FEEDBACK = ["Tester une restauration complète chaque trimestre.", "Nommer un substitut au responsable TI.",
            "Activer l'AMF sur le courriel de la direction.", "Afficher la liste des contacts d'urgence.",
            "Faire un exercice sur table avec l'équipe de production.", "Inventorier les postes de l'usine."]


def _days_ago(days, hour=9):
    day = (utcnow().astimezone(ZONE) - timedelta(days=days)).date()
    return datetime.combine(day, time(hour), ZONE).astimezone(UTC)


def _cluster_companies():
    return list(db.session.scalars(select(Company).where(Company.neq.like("22%")).order_by(Company.neq)))


def load_programme():
    """Create the past year of the programme once (skipped when its first event exists); return how many records."""
    if db.session.scalar(select(Event.id).where(Event.title_en == PAST[0][4])) is not None:
        return 0
    companies, rng = _cluster_companies(), random.Random("programme")
    if len(companies) < 10:
        return 0
    came = {}
    for days, kind, sessions, title_fr, title_en, topic, count in PAST:
        event = _past_event(days, kind, sessions, title_fr, title_en, topic)
        for company in rng.sample(companies, count):
            _attend(event, company, rng)
            came.setdefault(company.id, set()).add(topic)
    for company in companies:
        _rescan(company, came.get(company.id, set()), rng)
    db.session.flush()
    return len(PAST) + len(companies)


def _past_event(days, kind, sessions, title_fr, title_en, topic):
    starts = [_days_ago(days - 14 * n) for n in range(sessions)]
    event = Event(kind=kind, title_fr=title_fr, title_en=title_en, description_fr=f"{title_fr}.",
                  description_en=f"{title_en}.", topics=[topic], language="fr", format="in_person",
                  address="Salle Price, 1 rue Racine Est, Saguenay", region="02", online_link="", capacity=30,
                  facilitator="Équipe AluQSec", registration_deadline=starts[0] - timedelta(days=2),
                  starts_at=starts[0], ends_at=starts[-1] + timedelta(hours=3))
    event.sessions = [EventSession(starts_at=start, ends_at=start + timedelta(hours=3)) for start in starts]
    db.session.add(event)
    db.session.flush()
    return event


def _attend(event, company, rng):
    person = company.memberships[0].user
    registration = Registration(event_id=event.id, user_id=person.id, company_id=company.id,
                                status=RegistrationStatus.CONFIRMED, queued_at=event.starts_at - timedelta(days=10))
    db.session.add(registration)
    event.seats_taken += 1
    db.session.flush()
    present = [s for s in event.sessions if rng.random() < 0.85] or event.sessions[:1]
    db.session.add_all(SessionAttendance(registration_id=registration.id, session_id=s.id) for s in present)
    registration.attended = is_completed(len(present), len(event.sessions), COMPLETION_SHARE)
    answered = rng.random() < 0.8
    db.session.add(EventFeedback(
        registration_id=registration.id, event_id=event.id, token=f"demo-{registration.id}-{rng.random():.12f}",
        sent_at=event.ends_at + timedelta(days=1), answered_at=event.ends_at + timedelta(days=2) if answered else None,
        usefulness=rng.choice((3, 4, 4, 5, 5)) if answered else None,
        will_apply=rng.choice(FEEDBACK) if answered else "",
        topics_wanted=rng.sample(["plant-floor-ot", "suppliers", "privacy-law25", "cloud-outsourcing"], 2)
        if answered else []))


def _rescan(company, topics, rng):
    """Date the company's first quick scan a year back, then submit a newer one (better where it came)."""
    first = db.session.scalar(select(Assessment).where(Assessment.company_id == company.id,
                                                       Assessment.status != Status.DRAFT)
                              .order_by(Assessment.submitted_at))
    if first is None:
        return
    first.created_at, first.submitted_at = _days_ago(FIRST_SCAN_DAYS_AGO + 5), _days_ago(FIRST_SCAN_DAYS_AGO, 15)
    questionnaire = get_bank().latest("quick-scan")
    owner = company.memberships[0].user
    previous = {answer.question_id: answer.value for answer in answers_of(first).values()}
    entries = {}
    for question in questionnaire.questions:
        old = previous.get(question.id)
        level = int(old) if old and old.isdigit() else rng.randint(1, 2)
        gain = rng.choice((1, 2)) if set(question.topics) & topics else rng.choice((0, 0, 0, 1, -1))
        entries[question.id] = Entry(str(min(5, max(0, level + gain))))
    second = start_assessment(company, questionnaire, company.certifications, owner)
    save_entries(second, entries, owner, {})
    sync_with_gaps(second, submit(second, owner))
    second.created_at, second.submitted_at = _days_ago(SECOND_SCAN_DAYS_AGO + 4), _days_ago(SECOND_SCAN_DAYS_AGO, 15)
