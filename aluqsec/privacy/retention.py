"""The retention purge: remove or blank what is past its period (periods in ``RETENTION_DAYS``)."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import String, cast, delete, func, select, update

from ..assessments.models import Answer, Assessment, Status
from ..audit.models import AuditEvent
from ..auth.models import LoginAttempt, PendingSignup
from ..companies.models import CompanyRole
from ..events.mailings import purge_mailings
from ..extensions import db
from ..jobs.services import purge_finished
from ..mail import send_mail
from ..mail.models import OutboxMessage
from ..models import utcnow
from ..programme.stored import purge_snapshots
from .deletion import companies_past_grace, purge_company
from .models import DraftNotice
from .purge import delete_rows


def purge(now=None):
    """Apply every retention rule once.

    :param now: the current time (tests pass one).
    :return: ``{rule: count}`` in a fixed order; a rule that does not apply here has None.
    """
    now = now or utcnow()
    days = current_app.config["RETENTION_DAYS"]
    before = {name: now - timedelta(days=count) for name, count in days.items()}
    result = {
        "login_attempts_deleted": db.session.execute(
            delete(LoginAttempt).where(LoginAttempt.attempted_at < before["LOGIN_ATTEMPTS"])).rowcount,
        "outbox_bodies_blanked": db.session.execute(
            update(OutboxMessage).where(OutboxMessage.created_at < before["OUTBOX_BODIES"],
                                        OutboxMessage.status.in_(("sent", "stored")), OutboxMessage.body != "")
            .values(body="")).rowcount,
        "outbox_messages_deleted": db.session.execute(
            delete(OutboxMessage).where(OutboxMessage.created_at < before["OUTBOX_MESSAGES"])).rowcount,
        "audit_entries_scrubbed": _scrub_audit(before["AUDIT_PERSONAL"]),
    }
    result["mailing_texts_blanked"], result["mailings_deleted"] = purge_mailings(before["OUTBOX_BODIES"],
                                                                                 before["OUTBOX_MESSAGES"])
    result["draft_notices_sent"], result["drafts_deleted"] = _idle_drafts(now, before["DRAFT_IDLE"],
                                                                           days["DRAFT_NOTICE"])
    result["unconfirmed_accounts_deleted"] = _unconfirmed_accounts(before["UNCONFIRMED_ACCOUNTS"])
    companies = companies_past_grace(now)
    for company in companies:
        purge_company(company)
    result["companies_purged"] = len(companies)
    result["prepared_files_deleted"] = purge_finished(before["PREPARED_FILES"])
    result["programme_figures_deleted"] = purge_snapshots(before["PROGRAMME_FIGURES"])
    db.session.flush()
    return result


def _scrub_audit(cutoff):
    """Blank the address, details and typed e-mail of audit entries older than *cutoff*."""
    personal = (AuditEvent.address != "") | AuditEvent.target.contains("@") | (cast(AuditEvent.details, String) != "{}")
    count = 0
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.at < cutoff, personal)):
        event.address, event.details = "", {}
        if "@" in event.target:
            event.target = ""
        count += 1
    return count


def _last_touched():
    return (select(Assessment.id, func.max(Answer.answered_at).label("answered"))
            .join(Answer, Answer.assessment_id == Assessment.id, isouter=True)
            .where(Assessment.status == Status.DRAFT).group_by(Assessment.id).subquery())


def _idle_drafts(now, idle_cutoff, notice_days):
    """Warn the owners of drafts idle past *idle_cutoff*; delete those still idle *notice_days* later.

    :return: ``(notices sent, drafts deleted)``.
    """
    touched = _last_touched()
    last = func.coalesce(touched.c.answered, Assessment.created_at)
    rows = db.session.execute(
        select(Assessment, last, DraftNotice).join(touched, touched.c.id == Assessment.id)
        .join(DraftNotice, DraftNotice.assessment_id == Assessment.id, isouter=True)).all()
    notices = deleted = 0
    for assessment, last_at, notice in rows:
        if notice is not None and last_at > notice.sent_at:
            db.session.delete(notice)  # touched since the notice: the clock starts again
            notice = None
        if notice is None and last_at < idle_cutoff:
            _send_notice(assessment, now + timedelta(days=notice_days))
            db.session.add(DraftNotice(assessment_id=assessment.id, sent_at=now))
            notices += 1
        elif notice is not None and notice.sent_at <= now - timedelta(days=notice_days):
            delete_rows(Assessment.__table__, Assessment.id == assessment.id)
            deleted += 1
    return notices, deleted


def _send_notice(assessment, deadline):
    company = assessment.company
    for membership in company.memberships:
        if membership.role == CompanyRole.OWNER:
            user = membership.user
            send_mail(user.email, "draft_expiring", user.language, user=user, company=company,
                      assessment=assessment, deadline=deadline)


def _unconfirmed_accounts(cutoff):
    """Delete the sign-ups whose address was never confirmed (no account exists before confirmation).

    Accounts created before confirmation existed stay, although unconfirmed: they hold real
    companies and confirm their address at their next login.
    :return: how many pending sign-ups were deleted.
    """
    return db.session.execute(delete(PendingSignup).where(PendingSignup.created_at < cutoff)).rowcount
