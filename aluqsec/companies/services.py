"""Companies and their members: creation, invitations."""
from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select, update
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..models import utcnow
from .models import Company, CompanyRole, Invitation, Membership


def lock_company(company_id):
    """Hold *company_id*'s row until the transaction ends, so that work on its plan or figures goes one at a time.

    A no-op UPDATE: a row lock on PostgreSQL, the database's write lock on SQLite.
    """
    db.session.execute(update(Company).where(Company.id == company_id).values(legal_name=Company.legal_name))


def neq_taken(neq, except_company=None):
    query = select(Company.id).where(Company.neq == neq)
    if except_company is not None:
        query = query.where(Company.id != except_company.id)
    return db.session.scalar(query) is not None


def create_company(owner, **fields):
    """Add a company with *owner* as its first owner.

    :param fields: Company columns (legal_name, neq, sector, region, ...).
    :return: the new Company, flushed.
    """
    company = Company(**fields)
    company.memberships.append(Membership(user=owner, role=CompanyRole.OWNER))
    db.session.add(company)
    db.session.flush()
    return company


def add_member(company, user, role=CompanyRole.MEMBER):
    """Make *user* a member of *company* unless already one (or not confirmed: then refuse)."""
    from ..authz import can_receive_access

    if not can_receive_access(user):
        raise ValueError("only confirmed, active accounts become members")
    if any(m.company_id == company.id for m in user.memberships):
        return None
    membership = Membership(company=company, user=user, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="aluqsec.invitation")


def create_invitation(company, email, invited_by):
    """Record an invitation and return ``(invitation, token)``."""
    invitation = Invitation(company=company, email=email, invited_by_id=invited_by.id)
    db.session.add(invitation)
    db.session.flush()
    return invitation, _serializer().dumps({"i": invitation.id, "e": email})


def invitation_from_token(token):
    """Return the pending invitation a valid token names, else None."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    invitation = db.session.get(Invitation, data.get("i"))
    if invitation is None or invitation.accepted_at is not None or invitation.email != data.get("e"):
        return None
    return invitation


def accept_invitation(invitation, user):
    add_member(invitation.company, user)
    invitation.accepted_at = utcnow()


def members(company):
    """Return the company's memberships with their users, owners first."""
    rows = db.session.scalars(
        select(Membership).where(Membership.company_id == company.id)
        .join(Membership.user).options(contains_eager(Membership.user))
        .order_by(Membership.role.desc(), Membership.created_at))
    return list(rows)


def remove_member(membership):
    """Take *membership*'s user out of the company and end their sessions (the caller audits and commits)."""
    from ..auth.sessions import end_all_sessions

    user = membership.user
    db.session.delete(membership)
    end_all_sessions(user)
    db.session.flush()
    db.session.expire(user, ["memberships"])
