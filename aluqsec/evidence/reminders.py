"""Tell a company's owners, 30 and 7 days ahead, that evidence stops counting (for ``flask reminders send``)."""
from datetime import date, timedelta

from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..companies.models import Company
from ..extensions import db
from ..mail import send_mail
from . import rules
from .checklist import evidence_frameworks
from .models import EvidenceItem, EvidenceLink, EvidenceReminder


def _max_ages():
    """Return ``{(framework id, kind id): max age in days}`` for the kinds that have one."""
    return {(framework.id, kind.id): kind.max_age_days for framework in evidence_frameworks()
            for requirement in framework.requirements for kind in requirement.evidence if kind.max_age_days}


def _candidates(today, ages):
    """Return the items that may stop counting within the longest lead, with their links and company."""
    horizon = max(rules.REMINDER_LEADS)
    clauses = [EvidenceItem.valid_until.between(today, today + timedelta(days=horizon))]
    for age in sorted(set(ages.values())):
        kinds = [pair for pair, days in ages.items() if days == age]
        clauses.append(and_(EvidenceItem.dated_on.between(today - timedelta(days=age),
                                                          today - timedelta(days=age - horizon)),
                            EvidenceItem.id.in_(select(EvidenceLink.item_id).where(
                                tuple_(EvidenceLink.framework_id, EvidenceLink.kind_id).in_(kinds)))))
    return db.session.scalars(select(EvidenceItem).where(or_(*clauses))
                              .options(selectinload(EvidenceItem.links)).order_by(EvidenceItem.id)).all()


def due_reminders(today):
    """Return ``{company id: [(item, expires on, [leads])]}`` of the reminders not sent yet."""
    ages = _max_ages()
    due = {}
    for item in _candidates(today, ages):
        expiry = rules.item_expiry(item.dated_on, item.valid_until,
                                   [ages.get((link.framework_id, link.kind_id)) for link in item.links])
        leads = rules.leads_due(expiry, today)
        if leads:
            due.setdefault(item.company_id, []).append((item, expiry, leads))
    if not due:
        return {}
    sent = set(db.session.execute(select(EvidenceReminder.item_id, EvidenceReminder.expires_on,
                                         EvidenceReminder.lead_days).where(
        EvidenceReminder.item_id.in_([item.id for rows in due.values() for item, _e, _l in rows]))).all())
    found = {}
    for company_id, rows in due.items():
        for item, expiry, leads in rows:
            new = [lead for lead in leads if (item.id, expiry, lead) not in sent]
            if new:
                found.setdefault(company_id, []).append((item, expiry, new))
    return found


def send_evidence_reminders(today=None):
    """E-mail each company's owners the evidence that stops counting soon; return how many companies were told.

    One message per company and run lists every item due. The reminders are recorded
    (unique per item, expiry date and lead) and committed before the e-mail, so a second
    run, even a concurrent one, sends nothing again.
    """
    today = today or date.today()
    told = 0
    for company_id, rows in due_reminders(today).items():
        for item, expiry, leads in rows:
            for lead in leads:
                db.session.add(EvidenceReminder(item_id=item.id, expires_on=expiry, lead_days=lead))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # another run recorded them first and sends the message
            continue
        company = db.session.get(Company, company_id)
        listed = sorted(((item, expiry, (expiry - today).days) for item, expiry, _leads in rows),
                        key=lambda row: (row[1], row[0].title))
        for membership in company.memberships:
            if membership.role == "owner":
                send_mail(membership.user.email, "evidence_expiring", membership.user.language,
                          user=membership.user, company=company, items=listed)
        db.session.commit()
        told += 1
    return told
