"""Who may do what: every authorization rule of AluQSec lives here.

Views never test roles or memberships themselves; they call these predicates,
the ``permission_required`` decorator, or ``company_or_404``.
"""
from functools import wraps

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from .auth.models import Role
from .companies.models import CompanyRole
from .extensions import db, login_manager


def has_role(user, role):
    return user.is_authenticated and role in user.roles


def is_admin(user):
    return has_role(user, Role.ADMIN)


def is_organizer(user):
    return has_role(user, Role.ORGANIZER)


def is_advisor(user):
    return has_role(user, Role.ADVISOR)


def membership(user, company):
    """Return *user*'s membership of *company*, or None."""
    if not user.is_authenticated:
        return None
    return next((m for m in user.memberships if m.company_id == company.id), None)


def is_company_member(user):
    return user.is_authenticated and bool(user.memberships)


def active_grant(user, company):
    """Return the advisor grant *company* gave *user* and has not revoked, or None."""
    if not is_advisor(user):
        return None
    from .advisors.models import AdvisorGrant, GrantStatus

    return db.session.scalar(select(AdvisorGrant).where(
        AdvisorGrant.company_id == company.id, AdvisorGrant.advisor_id == user.id,
        AdvisorGrant.status == GrantStatus.ACTIVE))


def can_view_company(user, company):
    """Members see their company; an advisor only while the company's grant is active."""
    return membership(user, company) is not None or active_grant(user, company) is not None


def can_coach(user, company):
    """Advisors with an active grant (any scope) keep the company's coaching record."""
    return active_grant(user, company) is not None


def can_review(user, assessment):
    """Advisors whose grant has the review scope review submitted assessments."""
    from .advisors.models import Scope

    grant = active_grant(user, assessment.company)
    return grant is not None and grant.scope == Scope.REVIEW and not assessment.is_draft


def can_comment(user, assessment):
    """Reviewers and the company's members discuss a submitted assessment."""
    if assessment.is_draft:
        return False
    return can_work_on_company(user, assessment.company) or can_review(user, assessment)


def can_view_evidence(user, company):
    """Members, and advisors while the company's grant is active, list and download its evidence."""
    return can_view_company(user, company)


def can_manage_evidence(user, company):
    """Only the company's members add, replace and delete its evidence."""
    return can_work_on_company(user, company)


def can_verify_evidence(user, company):
    """Advisors whose active grant has the review scope accept evidence or send it back."""
    from .advisors.models import Scope

    grant = active_grant(user, company)
    return grant is not None and grant.scope == Scope.REVIEW


def can_manage_grants(user, company):
    """Only owners decide who outside the company may see its data."""
    return can_manage_company(user, company)


def can_manage_company(user, company):
    """Owners edit the profile and invite members."""
    found = membership(user, company)
    return found is not None and found.role == CompanyRole.OWNER


def can_remove_member(user, membership_row):
    """Owners remove members and other owners, never the company's last owner."""
    company = membership_row.company
    if not can_manage_company(user, company):
        return False
    owners = sum(1 for m in company.memberships if m.role == CompanyRole.OWNER)
    return membership_row.role != CompanyRole.OWNER or owners > 1


def can_receive_access(user):
    """Only active accounts whose address is confirmed can be granted roles, grants or memberships."""
    return user.active and user.email_confirmed


def can_update_commitment(user, commitment):
    """The advisor who keeps the record, and the company's members, edit and close its commitments."""
    company = commitment.meeting.company
    return can_work_on_company(user, company) or (
        commitment.meeting.advisor_id == user.id and can_coach(user, company))


def can_work_on_company(user, company):
    """Members (owners and the colleagues they invited) run assessments and the action plan."""
    return membership(user, company) is not None


def can_work_on_company_of(user, assessment):
    """Members of the assessment's company, whatever its state (drafts and submitted ones)."""
    return can_work_on_company(user, assessment.company)


def can_view_assessment(user, assessment):
    return can_view_company(user, assessment.company)


def can_answer(user, assessment):
    """Answers change only while the assessment is a draft, and only by the company's members."""
    return assessment.is_draft and can_work_on_company(user, assessment.company)


def can_set_scope(user, assessment):
    """Members set the certification scope at any time; a submitted assessment is then re-scored."""
    return can_work_on_company(user, assessment.company)


def can_manage_events(user):
    """Organizers (and admins) schedule events and see registrations and demand."""
    return is_organizer(user) or is_admin(user)


def can_download_certificate(user, registration):
    """Only the participant downloads their attendance certificate."""
    return registration.user_id == user.id


def can_take_out_company_data(user, company):
    """Owners export the company's data and decide its deletion (Law 25 rights)."""
    return can_manage_company(user, company)


def can_verify_companies(user):
    """Organizers and admins confirm that a company is a real member of the cluster."""
    return is_organizer(user) or is_admin(user)


def can_manage_users(user):
    return is_admin(user)


def can_manage_questionnaires(user):
    return is_admin(user)


def _may_ask_portfolio(user, job):
    return is_advisor(user) and job.requested_by_id == user.id


def _may_ask_pack(user, job):
    return job.company is not None and can_view_evidence(user, job.company)


# Who may ask for each kind of job (see the views that queue them).
JOB_RULES = {
    "sector_report": lambda user, job: can_manage_events(user),
    "programme_report": lambda user, job: can_manage_events(user),
    "portfolio_report": _may_ask_portfolio,
    "evidence_pack": _may_ask_pack,
}


def can_see_job(user, job):
    """Who may ask for a job sees its page and downloads its file, judged again at every visit.

    The file holds the data of the companies in ``job.covers``: each must still be visible to
    *user* (an advisor whose grant was revoked since, or a company since deleted, stops the download).
    Scheduled jobs have no page.
    """
    from .companies.models import Company

    rule = JOB_RULES.get(job.kind)
    if not user.is_authenticated or rule is None or not rule(user, job):
        return False
    if not job.covers:
        return True
    companies = db.session.scalars(select(Company).where(Company.id.in_(job.covers))).all()
    return len(companies) == len(set(job.covers)) and all(can_view_company(user, c) for c in companies)


def permission_required(predicate):
    """Let a view run only when ``predicate(current_user)`` holds.

    Anonymous visitors go to the login page; signed-in users without the
    permission get 403.
    """
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def signed_in(user):
    return user.is_authenticated


login_required = permission_required(signed_in)


def company_or_404(company_id, predicate=can_view_company):
    """Load a company the current user may act on, or answer 404.

    404 rather than 403 so that nobody learns which company ids exist.
    """
    from .companies.models import Company

    company = db.session.get(Company, company_id)
    if company is None or not predicate(current_user, company):
        abort(404)
    return company


def assessment_or_404(assessment_id, predicate=can_view_assessment):
    """Load an assessment the current user may act on, or answer 404."""
    from .assessments.models import Assessment

    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None or not can_view_assessment(current_user, assessment):
        abort(404)
    if not predicate(current_user, assessment):
        abort(403)
    return assessment


def action_item_or_404(item_id):
    """Load an action item of a company the current user works on, or answer 404."""
    from .actions.models import ActionItem
    from .companies.models import Company

    item = db.session.get(ActionItem, item_id)
    company = item and db.session.get(Company, item.company_id)
    if company is None or not can_work_on_company(current_user, company):
        abort(404)
    return item, company


def evidence_item_or_404(item_id, predicate=can_view_evidence):
    """Load an evidence item of a company the current user may see, or answer 404 (403 when *predicate* fails)."""
    from .companies.models import Company
    from .evidence.models import EvidenceItem

    item = db.session.get(EvidenceItem, item_id)
    company = item and db.session.get(Company, item.company_id)
    if company is None or not can_view_evidence(current_user, company):
        abort(404)
    if not predicate(current_user, company):
        abort(403)
    return item, company


def job_or_404(job_id):
    """Load a job the current user may see, or answer 404."""
    from .jobs.models import Job

    job = db.session.get(Job, job_id)
    if job is None or not can_see_job(current_user, job):
        abort(404)
    return job


def safe_next_url(default):
    """Return the ``next`` parameter when it stays on this site, else *default*."""
    from .security.inputs import is_safe_next

    target = request.values.get("next", "")
    return target if is_safe_next(target) else default
