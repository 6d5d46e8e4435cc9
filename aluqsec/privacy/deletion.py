"""Erasure: a user's account, a company after its grace period; the audit entries about them go too."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from .. import audit
from ..audit.models import AuditEvent
from ..auth.models import LoginAttempt, User
from ..companies.models import Company, CompanyRole, Invitation, Membership
from ..events.models import Registration, RegistrationStatus
from ..events.services import cancel_registration
from ..evidence.storage import get_storage
from ..extensions import db
from ..jobs.files import get_files
from ..mail.models import OutboxMessage
from ..models import utcnow
from .purge import delete_rows


def sole_owner_of(user):
    """Return the companies, not already being deleted, whose only owner is *user*."""
    owned = [m.company for m in user.memberships if m.role == CompanyRole.OWNER]
    blocked = []
    for company in owned:
        owners = db.session.scalar(select(func.count()).select_from(Membership).where(
            Membership.company_id == company.id, Membership.role == CompanyRole.OWNER))
        if owners == 1 and not company.deletion_pending:
            blocked.append(company)
    return blocked


def _delete_audit(matches):
    """Delete the audit entries for which ``matches(event)`` holds.

    The audit log is scanned in Python because references hide in free text and
    JSON details (``company:12``, ``{"advisor": 7}``, a typed e-mail); erasure is
    rare, so a full pass is affordable.
    """
    doomed = [event.id for event in db.session.scalars(select(AuditEvent).execution_options(yield_per=500))
              if matches(event)]
    for start in range(0, len(doomed), 500):
        db.session.execute(delete(AuditEvent).where(AuditEvent.id.in_(doomed[start:start + 500])))
    return len(doomed)


def delete_account(user):
    """Erase *user*: their rows go, their authorship on company records becomes anonymous.

    The caller checked :func:`sole_owner_of`. Places at events are cancelled first
    so that the waitlist moves up. One audit entry records that an account was
    deleted, without the e-mail or name.
    :return: ``{table name: rows deleted}``.
    """
    for registration in db.session.scalars(select(Registration).where(
            Registration.user_id == user.id,
            Registration.status.in_((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)))):
        cancel_registration(registration)
    user_id, email = user.id, user.email
    db.session.expunge(user)
    removed = {
        "audit_events": _delete_audit(lambda event: event.actor_id == user_id or _mentions_user(event, user_id, email)),
        "login_attempts": db.session.execute(delete(LoginAttempt).where(LoginAttempt.email == email)).rowcount,
        "outbox_messages": db.session.execute(
            delete(OutboxMessage).where(OutboxMessage.recipient == email)).rowcount,
        "invitations": db.session.execute(delete(Invitation).where(Invitation.email == email)).rowcount,
    }
    for name, count in delete_rows(User.__table__, User.id == user_id).items():
        removed[name] = removed.get(name, 0) + count
    _record_erasure("privacy.account_deleted", "")
    db.session.flush()
    return {name: count for name, count in removed.items() if count}


def _record_erasure(action, target):
    # Neither the actor nor the address: both would be the erased person's data.
    db.session.add(AuditEvent(actor_id=None, action=action, target=target, address="", details={}))


def _mentions_user(event, user_id, email):
    details = event.details or {}
    return (event.target in (f"user:{user_id}", email) or email in str(details)
            or any(details.get(key) == user_id for key in ("advisor", "user", "member")))


def members_not_owners(company):
    """Return the company's memberships that could receive the owner role."""
    return [m for m in company.memberships if m.role != CompanyRole.OWNER]


def make_owner(membership, actor):
    """Give *membership* the owner role; audited."""
    membership.role = CompanyRole.OWNER
    audit.record("companies.owner_added", f"company:{membership.company_id}", actor=actor,
                 member=membership.user_id)
    db.session.flush()


def request_company_deletion(company, actor):
    """Start the grace period: the company leaves every aggregate at once; audited."""
    company.deletion_requested_at = utcnow()
    audit.record("privacy.company_deletion_requested", f"company:{company.id}", actor=actor)
    db.session.flush()


def cancel_company_deletion(company, actor):
    """Stop a pending deletion during the grace period; audited."""
    company.deletion_requested_at = None
    audit.record("privacy.company_deletion_cancelled", f"company:{company.id}", actor=actor)
    db.session.flush()


def purge_date(company):
    """Return when a pending deletion becomes permanent."""
    days = current_app.config["RETENTION_DAYS"]["DELETION_GRACE"]
    return company.deletion_requested_at + timedelta(days=days)


def purge_company(company):
    """Remove every row that belongs to *company*, now; one audit entry says it happened.

    Registrations its people made keep their place at the event, without the company.
    :return: ``{table name: rows deleted}``.
    """
    from ..actions.models import ActionItem
    from ..assessments.models import Assessment

    company_id, names = company.id, (company.neq, company.legal_name)
    targets = {f"company:{company_id}", f"company:{company.neq}"}
    targets |= {f"assessment:{i}" for i in db.session.scalars(
        select(Assessment.id).where(Assessment.company_id == company_id))}
    targets |= {f"action:{i}" for i in db.session.scalars(
        select(ActionItem.id).where(ActionItem.company_id == company_id))}
    from ..jobs.models import Job

    prepared = list(db.session.scalars(select(Job.id).where(Job.company_id == company_id)))
    db.session.expunge(company)
    removed = {"audit_events": _delete_audit(
        lambda event: event.target in targets or (event.details or {}).get("company") == company_id)}
    removed["outbox_messages"] = db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.body.contains(names[1]) | OutboxMessage.subject.contains(names[1]))).rowcount
    for name, count in delete_rows(Company.__table__, Company.id == company_id).items():
        removed[name] = removed.get(name, 0) + count
    _record_erasure("privacy.company_purged", f"company:{company_id}")
    db.session.flush()
    # The rows went with the company's foreign keys; the evidence files go with it too.
    get_storage().delete_company(company_id)
    files = get_files()
    for job_id in prepared:
        files.delete_job(job_id)
    return {name: count for name, count in removed.items() if count}


def companies_past_grace(now=None):
    """Return the companies whose deletion grace period is over."""
    days = current_app.config["RETENTION_DAYS"]["DELETION_GRACE"]
    cutoff = (now or utcnow()) - timedelta(days=days)
    return list(db.session.scalars(select(Company).where(Company.deletion_requested_at <= cutoff)))
