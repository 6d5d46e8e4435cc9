"""Grants of access to advisors, always the company's choice, each change recorded."""
from datetime import timedelta

from sqlalchemy import select

from .. import audit
from ..auth.models import Role
from ..auth.services import find_user
from ..authz import can_receive_access
from ..extensions import db
from ..models import utcnow
from .models import AdvisorGrant, GrantChange, GrantStatus

# After a company declines or revokes an advisor, organizers wait this long
# before proposing the same advisor again: the company's "no" is not to be worn down.
COOLING_PERIOD = timedelta(days=30)


class GrantError(ValueError):
    """A grant request that cannot be carried out; ``code`` says why, ``until`` when it may be retried."""

    def __init__(self, code, until=None):
        super().__init__(code)
        self.code, self.until = code, until


def find_advisor(email):
    """Return the user with this e-mail if they are an advisor.

    :raises GrantError: ``not_advisor`` otherwise.
    """
    user = find_user(email)
    if user is None or Role.ADVISOR not in user.roles or not can_receive_access(user):
        raise GrantError("not_advisor")
    return user


def grant_of(company, advisor):
    return db.session.scalar(select(AdvisorGrant).where(AdvisorGrant.company_id == company.id,
                                                        AdvisorGrant.advisor_id == advisor.id))


def _record(grant, action, actor):
    grant.updated_at = utcnow()
    grant.history.append(GrantChange(action=action, scope=grant.scope, actor_id=actor.id))
    audit.record(f"grants.{action}", f"company:{grant.company_id}", actor=actor, advisor=grant.advisor_id,
                 scope=grant.scope)


def grant_access(company, advisor, scope, actor):
    """Give (or re-give) *advisor* access to *company* with *scope*; return the grant."""
    grant = grant_of(company, advisor)
    if grant is None:
        grant = AdvisorGrant(company_id=company.id, advisor_id=advisor.id, scope=scope, status=GrantStatus.ACTIVE)
        db.session.add(grant)
        _record(grant, "granted", actor)
    elif grant.status == GrantStatus.ACTIVE:
        if grant.scope != scope:
            grant.scope = scope
            _record(grant, "scope_changed", actor)
    else:
        action = "accepted" if grant.status == GrantStatus.PROPOSED else "granted"
        grant.scope, grant.status = scope, GrantStatus.ACTIVE
        _record(grant, action, actor)
    db.session.flush()
    return grant


def propose(company, advisor, scope, organizer):
    """Record an organizer's proposal, which the owner accepts or declines.

    :raises GrantError: ``already_active`` when the advisor already has access,
        ``already_proposed`` while a proposal waits, ``recently_declined`` within
        COOLING_PERIOD of the company declining or revoking this advisor.
    """
    grant = grant_of(company, advisor)
    if grant is not None and grant.status == GrantStatus.ACTIVE:
        raise GrantError("already_active")
    if grant is not None and grant.status == GrantStatus.PROPOSED:
        raise GrantError("already_proposed")
    if grant is not None and grant.status in (GrantStatus.DECLINED, GrantStatus.REVOKED):
        until = grant.updated_at + COOLING_PERIOD
        if utcnow() < until:
            raise GrantError("recently_declined", until)
    if grant is None:
        grant = AdvisorGrant(company_id=company.id, advisor_id=advisor.id, scope=scope)
        db.session.add(grant)
    grant.scope, grant.status = scope, GrantStatus.PROPOSED
    _record(grant, "proposed", organizer)
    db.session.flush()
    return grant


def answer_proposal(grant, accept, owner):
    """Accept or decline a proposal."""
    if grant.status != GrantStatus.PROPOSED:
        raise GrantError("not_proposed")
    grant.status = GrantStatus.ACTIVE if accept else GrantStatus.DECLINED
    _record(grant, "accepted" if accept else "declined", owner)
    db.session.flush()


def revoke(grant, owner):
    """Revoke access; it stops at once, on the next request."""
    if grant.status == GrantStatus.ACTIVE:
        grant.status = GrantStatus.REVOKED
        _record(grant, "revoked", owner)
        db.session.flush()


def grants_of_company(company):
    """Return the company's grants with their history, newest first."""
    return list(db.session.scalars(select(AdvisorGrant).where(AdvisorGrant.company_id == company.id)
                                   .order_by(AdvisorGrant.updated_at.desc())))
