"""Verified membership: which companies aggregates may count, and the organizers' queue."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import audit
from ..companies.models import Company
from ..extensions import db
from ..models import utcnow


def counted_in_aggregates():
    """SQL condition on Company: verified by the cluster and not being deleted."""
    return Company.verified_at.is_not(None) & Company.deletion_requested_at.is_(None)


def waiting(limit=200):
    """Return the companies waiting for verification, oldest first (bounded)."""
    return list(db.session.scalars(
        select(Company).where(Company.verified_at.is_(None), Company.deletion_requested_at.is_(None))
        .order_by(Company.created_at, Company.id).limit(limit)))


def recently_verified(limit=50):
    """Return the last verified companies, newest first, with who verified them."""
    return list(db.session.scalars(
        select(Company).where(Company.verified_at.is_not(None)).options(selectinload(Company.verified_by))
        .order_by(Company.verified_at.desc(), Company.id.desc()).limit(limit)))


def verify(company, actor):
    """Mark *company* a verified member (its NEQ was checked against its documents); audited."""
    company.verified_at, company.verified_by_id = utcnow(), actor.id
    audit.record("privacy.company_verified", f"company:{company.id}", actor=actor)
    db.session.flush()


def unverify(company, actor):
    """Withdraw the verification: the company stops counting in aggregates at once; audited."""
    company.verified_at = company.verified_by_id = None
    audit.record("privacy.company_unverified", f"company:{company.id}", actor=actor)
    db.session.flush()
