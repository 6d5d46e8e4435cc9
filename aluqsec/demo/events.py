"""A realistic calendar: circles and trainings across regions and topics, some full, some past."""
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..auth.services import find_user
from ..events.models import Event, EventSession, RegistrationStatus
from ..events.services import register
from ..extensions import db
from ..models import utcnow

ZONE = ZoneInfo("America/Montreal")

# (days from today, kind, sessions, title fr, title en, topics, format, region, capacity, registrants)
CALENDAR = [
    (-40, "circle", 3, "Cercle TO : automates et accès à distance", "OT circle: PLCs and remote access",
     ["plant-floor-ot", "access-control"], "in_person", "02", 10, 6),
    (-12, "training", 1, "Formation : réagir à un rançongiciel", "Training: responding to ransomware",
     ["incident-response", "backup-recovery"], "in_person", "16", 20, 4),
    (9, "webinar", 1, "Webinaire : l'authentification multifacteur en 45 minutes",
     "Webinar: multi-factor authentication in 45 minutes", ["authentication"], "online", None, 100, 3),
    (16, "circle", 4, "Cercle de partage : plan de réponse aux incidents", "Sharing circle: incident response plan",
     ["incident-response", "governance"], "in_person", "02", 3, 5),
    (23, "training", 1, "Atelier : sauvegardes hors ligne et tests de restauration",
     "Workshop: offline backups and restore tests", ["backup-recovery"], "in_person", "17", 15, 2),
    (30, "awareness", 1, "Sensibilisation : l'hameçonnage au bureau et à l'usine",
     "Awareness: phishing at the office and on the plant floor", ["awareness-training"], "online", None, 60, 1),
    (37, "circle", 3, "Cercle TO Montérégie : séparer bureau et usine",
     "Montérégie OT circle: separating office and plant", ["plant-floor-ot", "network-perimeter"],
     "in_person", "16", 12, 2),
    (44, "training", 1, "Formation : se préparer à CyberSécuritaire Canada",
     "Training: getting ready for CyberSecure Canada", ["governance", "suppliers"], "in_person", "03", 25, 0),
    (58, "webinar", 1, "Webinaire en anglais : la CMMC niveau 1 pour les fournisseurs du Québec",
     "Webinar: CMMC Level 1 for Quebec suppliers",
     ["suppliers", "access-control"], "online", None, 80, 0),
    (72, "training", 1, "Atelier Loi 25 : registre des incidents et responsable", "Law 25 workshop: incident register",
     ["privacy-law25"], "in_person", "02", 20, 0),
]
IN_ENGLISH = {"Webinar: CMMC Level 1 for Quebec suppliers"}
PEOPLE = ["owner@demo.aluqsec.ca", "member@demo.aluqsec.ca", "owner2@demo.aluqsec.ca", "owner3@demo.aluqsec.ca"]


def _at(days, hour):
    day = (utcnow().astimezone(ZONE) + timedelta(days=days)).date()
    day += timedelta(days=(1 - day.weekday()) % 7)  # cluster activities happen on Tuesdays
    return datetime.combine(day, time(hour), ZONE).astimezone(UTC)


def load_events(organizer):
    """Create the demo calendar when no event exists yet; return how many events."""
    if db.session.scalar(select(Event.id).limit(1)) is not None:
        return 0
    people = [find_user(email) for email in PEOPLE] + [find_user(f"membre{n}@demo.aluqsec.ca") for n in range(1, 19)]
    people = [person for person in people if person is not None]
    for days, kind, sessions, title_fr, title_en, topics, format_, region, capacity, count in CALENDAR:
        starts = [_at(days + 14 * n, 9) for n in range(sessions)]
        event = Event(kind=kind, title_fr=title_fr, title_en=title_en,
                      description_fr=f"{title_fr}. Échanges entre PME de la grappe, exemples concrets et outils.",
                      description_en=f"{title_en}. Peer exchange between cluster SMEs, concrete examples and tools.",
                      topics=topics, language="en" if title_en in IN_ENGLISH else "fr", format=format_,
                      address="" if format_ == "online" else "Centre de la grappe, 1 rue Racine",
                      region=region, online_link="https://meet.example.ca/aluqsec" if format_ == "online" else "",
                      capacity=capacity, facilitator="Équipe AluQSec",
                      registration_deadline=starts[0] - timedelta(days=2),
                      starts_at=starts[0], ends_at=starts[-1] + timedelta(hours=3), created_by_id=organizer.id)
        event.sessions = [EventSession(starts_at=start, ends_at=start + timedelta(hours=3)) for start in starts]
        db.session.add(event)
        db.session.flush()
        for person in people[:count]:
            _register_anyway(event, person)
        if days < 0:
            for number, registration in enumerate(event_registrations(event)):
                registration.attended = number % 4 != 3
    db.session.flush()
    return len(CALENDAR)


def _register_anyway(event, person):
    """Register for demo purposes, past events included (the real rule refuses them)."""
    company = person.memberships[0].company if person.memberships else None
    deadline, starts = event.registration_deadline, event.starts_at
    event.registration_deadline = event.starts_at = utcnow() + timedelta(days=1)
    register(event, person, company)
    event.registration_deadline, event.starts_at = deadline, starts


def event_registrations(event):
    from ..events.services import registrants

    return registrants(event, statuses=(RegistrationStatus.CONFIRMED,))
