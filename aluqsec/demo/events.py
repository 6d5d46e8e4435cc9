"""A realistic calendar: circles and trainings across regions and topics, some full, some past."""
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..auth.services import find_user
from ..config import SETTINGS
from ..events.attendance import is_completed
from ..events.models import Event, EventSession, RegistrationStatus, SessionAttendance
from ..events.services import register
from ..extensions import db
from ..models import utcnow

ZONE = ZoneInfo("America/Montreal")
COMPLETION_SHARE = SETTINGS["COMPLETION_SHARE"][2]

# (days from today, kind, sessions, title fr, title en, topics, format, region, capacity, registrants)
CALENDAR = [
    (-40, "circle", 3, "Cercle technologies opérationnelles (TO) : automates et accès à distance",
     "Operational technology (OT) circle: PLCs and remote access",
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
    (37, "circle", 3, "Cercle TO de la Montérégie : séparer le réseau du bureau et celui de l'usine",
     "Montérégie OT circle: separating the office and plant networks", ["plant-floor-ot", "network-perimeter"],
     "in_person", "16", 12, 2),
    (44, "training", 1, "Formation : se préparer à CyberSécuritaire Canada",
     "Training: getting ready for CyberSecure Canada", ["governance", "suppliers"], "in_person", "03", 25, 0),
    (58, "webinar", 1, "Webinar: CMMC Level 1 for Quebec suppliers", "Webinar: CMMC Level 1 for Quebec suppliers",
     ["suppliers", "access-control"], "online", None, 80, 0),
    (72, "training", 1, "Atelier Loi 25 : registre des incidents et responsable", "Law 25 workshop: incident register",
     ["privacy-law25"], "in_person", "02", 20, 0),
]
# What each activity is about, in a few words of its own (fr, en), in the order of CALENDAR.
DESCRIPTIONS = [
    ("Trois rencontres entre responsables de production pour dresser l'inventaire des automates, encadrer "
     "l'accès à distance des intégrateurs et partager ce qui a marché dans vos usines.",
     "Three meetings of production managers to list your PLCs, control integrators' remote access and share "
     "what worked in your plants."),
    ("Une journée d'exercice sur table : les premières heures d'une attaque par rançongiciel, qui appeler, "
     "quoi débrancher et comment repartir à partir des sauvegardes.",
     "A one-day tabletop exercise: the first hours of a ransomware attack, whom to call, what to unplug and how "
     "to restart from backups."),
    ("Activer l'authentification multifacteur sur le courriel, l'accès à distance et les comptes "
     "d'administration, avec une démonstration pas à pas.",
     "Turning on multi-factor authentication for e-mail, remote access and administrator accounts, with a "
     "step-by-step demonstration."),
    ("Quatre rencontres pour rédiger, ensemble, un plan de réponse aux incidents d'une page et le mettre à "
     "l'épreuve avec un scénario tiré d'une PME de la grappe.",
     "Four meetings to write, together, a one-page incident response plan and test it against a scenario "
     "taken from a cluster SME."),
    ("Mettre en place une copie hors ligne, planifier un test de restauration et mesurer le temps qu'il faut "
     "pour repartir; apportez la liste de vos systèmes essentiels.",
     "Setting up an offline copy, planning a restore test and timing how long recovery takes; bring the list "
     "of your essential systems."),
    ("Reconnaître un courriel piégé, un faux appel du fournisseur ou une clé USB abandonnée, avec des "
     "exemples vus au bureau et sur le plancher de production.",
     "Spotting a rigged e-mail, a fake supplier call or an abandoned USB key, with examples seen at the office "
     "and on the plant floor."),
    ("Trois rencontres pour les usines de la Montérégie : cartographier les liens entre le réseau du bureau "
     "et celui de l'usine, puis choisir comment les séparer.",
     "Three meetings for Montérégie plants: map the links between the office and plant networks, then choose "
     "how to separate them."),
    ("Les contrôles de base exigés, le déroulement de l'audit avec l'organisme de certification et les "
     "documents à préparer.",
     "The required baseline controls, how the audit with the certification body works and the documents to "
     "prepare."),
    ("For suppliers of U.S. defence primes: the 15 Level 1 requirements, the annual self-assessment and the "
     "affirmation in SPRS.",
     "For suppliers of U.S. defence primes: the 15 Level 1 requirements, the annual self-assessment and the "
     "affirmation in SPRS."),
    ("Tenir le registre des incidents de confidentialité, nommer la personne responsable et savoir quand "
     "aviser la Commission d'accès à l'information.",
     "Keeping the register of confidentiality incidents, naming the person in charge and knowing when to "
     "notify the Commission d'accès à l'information."),
]
ADDRESSES = {"02": "Salle Price, 1 rue Racine Est, Saguenay", "16": "Salle du Richelieu, 150 rue du Roi, Sorel-Tracy",
             "17": "Salle Laviolette, 200 rue des Forges, Trois-Rivières",
             "03": "Salle Cartier, 900 boulevard René-Lévesque Est, Québec"}
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
    for index, row in enumerate(CALENDAR):
        days, kind, sessions, title_fr, title_en, topics, format_, region, capacity, count = row
        starts = [_at(days + 14 * n, 9) for n in range(sessions)]
        online = format_ == "online"
        event = Event(kind=kind, title_fr=title_fr, title_en=title_en,
                      description_fr=DESCRIPTIONS[index][0], description_en=DESCRIPTIONS[index][1],
                      topics=topics, language="en" if title_fr.startswith("Webinar:") else "fr", format=format_,
                      address="" if online else ADDRESSES[region],
                      region=region, online_link=f"https://visio.aluqsec.ca/activite-{index + 1}" if online else "",
                      capacity=capacity, facilitator="Équipe AluQSec",
                      registration_deadline=starts[0] - timedelta(days=2),
                      starts_at=starts[0], ends_at=starts[-1] + timedelta(hours=3), created_by_id=organizer.id)
        event.sessions = [EventSession(starts_at=start, ends_at=start + timedelta(hours=3)) for start in starts]
        db.session.add(event)
        db.session.flush()
        for person in people[:count]:
            _register_anyway(event, person)
        if days < 0:
            held = [session for session in event.sessions if session.starts_at <= utcnow()]
            for number, registration in enumerate(event_registrations(event)):
                # Most people come to every session held; every fourth person missed all but the first.
                came = held if number % 4 != 3 else held[:1]
                db.session.add_all(SessionAttendance(registration_id=registration.id, session_id=session.id)
                                   for session in came)
                registration.attended = is_completed(len(came), len(event.sessions), COMPLETION_SHARE)
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
