"""Journey reminders: before maintenance audits, recertifications, annual affirmations and re-assessments."""
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..assessments.models import Assessment, Status
from ..companies.models import Company
from ..extensions import db
from ..mail import send_mail
from . import metrics
from .models import Journey, JourneyReminder
from .services import as_metrics


def send_journey_reminders(today=None):
    """E-mail each company's owners the journey dates coming up; return how many reminders went out.

    A reminder is recorded (unique per company, certification, kind, date and
    lead) and committed before its e-mail, so a second run sends nothing again.
    """
    today = today or date.today()
    rows = {}
    for row in db.session.scalars(select(Journey)):
        rows.setdefault(row.company_id, {})[row.certification] = row
    last = dict(db.session.execute(
        select(Assessment.company_id, func.max(Assessment.submitted_at))
        .where(Assessment.status != Status.DRAFT).group_by(Assessment.company_id)).all())
    sent = 0
    for company in db.session.scalars(select(Company).where(Company.id.in_(set(rows) | set(last)))):
        assessed = last.get(company.id)
        dues = []
        for certification in company.certifications or [None]:
            journey = as_metrics(rows.get(company.id, {}).get(certification), certification or "none")
            dues += metrics.next_steps(journey, assessed.date() if assessed else None, today)
        seen = set()
        for due, lead in metrics.reminders_due(dues, today):
            key = (due.certification if due.kind != metrics.REASSESSMENT else "", due.kind, due.due, lead)
            if key in seen:
                continue  # the re-assessment date is the same for every certification
            seen.add(key)
            db.session.add(JourneyReminder(company_id=company.id, certification=key[0], kind=due.kind,
                                           due_on=due.due, lead_days=lead))
            try:
                db.session.commit()
            except IntegrityError:
                db.session.rollback()
                continue
            for membership in company.memberships:
                if membership.role == "owner":
                    send_mail(membership.user.email, "journey_reminder", membership.user.language,
                              user=membership.user, company=company, due=due, lead=lead)
            db.session.commit()
            sent += 1
    return sent
