"""Demo grants, a reviewed assessment, coaching notes and certification journeys."""
from datetime import date, timedelta

from sqlalchemy import select

from ..advisors.models import AdvisorGrant, CoachingMeeting, Commitment
from ..advisors.services import grant_access, propose
from ..assessments.models import Assessment
from ..auth.services import find_user
from ..companies.models import Company
from ..extensions import db
from ..progress.models import Journey
from ..reviews.services import add_comment, mark_reviewed, set_validated

GRANTS = [("1160000017", "review"), ("1170000024", "view")]


def load_advisor_data():
    """Create the demo grants, review, coaching record and journeys once; return how many records."""
    advisor, organizer = find_user("advisor@demo.aluqsec.ca"), find_user("organizer@demo.aluqsec.ca")
    if advisor is None or db.session.scalar(select(AdvisorGrant.id).limit(1)) is not None:
        return 0
    companies = {c.neq: c for c in db.session.scalars(select(Company).where(
        Company.neq.in_(["1160000017", "1170000024", "1180000031"])))}
    for neq, scope in GRANTS:
        company = companies[neq]
        grant_access(company, advisor, scope, company.memberships[0].user)
    propose(companies["1180000031"], advisor, "view", organizer)
    main = companies["1160000017"]
    first_full = db.session.scalars(select(Assessment).where(
        Assessment.company_id == main.id, Assessment.questionnaire_id == "baseline")
        .order_by(Assessment.submitted_at)).first()
    if first_full is not None:
        set_validated(first_full, {"acc-mfa-remote": "1", "bkp-offline-copy": "1", "gov-security-policy": "2"},
                      advisor)
        add_comment(first_full, "acc-mfa-remote", "L'AMF n'est activée que sur deux comptes de direction : "
                    "je valide le niveau 1 pour l'instant.", advisor)
        add_comment(first_full, "acc-mfa-remote", "Compris, on l'étend à tout le bureau d'ici janvier.",
                    main.memberships[0].user)
        add_comment(first_full, "bkp-offline-copy", "La copie hors ligne date de trois mois : à refaire chaque "
                    "semaine.", advisor)
        mark_reviewed(first_full, advisor)
    today = date.today()
    meeting = CoachingMeeting(company_id=main.id, advisor_id=advisor.id, met_on=today - timedelta(days=20),
                              notes="Revue des résultats de l'évaluation complète. Priorités : AMF, copie hors "
                                    "ligne, séparation du réseau de l'usine.")
    meeting.commitments = [
        Commitment(description="Activer l'AMF pour tout le courriel", owner="Marie Tremblay",
                   due_on=today + timedelta(days=25)),
        Commitment(description="Demander une soumission pour un pare-feu entre bureau et usine", owner="Luc Gagnon",
                   due_on=today + timedelta(days=40)),
    ]
    db.session.add(meeting)
    db.session.add(Journey(company_id=main.id, certification="cybersecure-canada", stage="remediation",
                           self_assessment_on=date(2026, 4, 21), remediation_on=date(2026, 5, 15),
                           target_on=date(2027, 6, 30)))
    # Consistent with the demo scores: most CPCSC controls are not met yet, so no certificate.
    db.session.add(Journey(company_id=main.id, certification="cpcsc-l1", stage="self_assessment",
                           self_assessment_on=date(2026, 4, 21), target_on=date(2027, 9, 30)))
    db.session.flush()
    return len(GRANTS) + 4
