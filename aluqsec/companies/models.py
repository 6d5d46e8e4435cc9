"""Companies, their members and pending invitations."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class CompanyRole(StrEnum):
    OWNER = "owner"
    MEMBER = "member"


class Company(db.Model):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    neq: Mapped[str] = mapped_column(String(10), unique=True)
    sector: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(2))
    size_band: Mapped[str] = mapped_column(String(10))
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(2), default="fr")
    # Opt-in: the company's domain scores count in peer medians, and it sees the benchmark.
    benchmark_opt_in: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set by an organizer or admin once the NEQ was checked against the company's documents:
    # only verified companies count in aggregates, so self-registered fakes cannot bend them.
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # An owner asked for the company's deletion: purged after the grace period unless cancelled.
    deletion_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    verified_by: Mapped["User | None"] = relationship(foreign_keys=[verified_by_id])  # noqa: F821
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="company", cascade="all, delete-orphan")

    @property
    def is_verified(self):
        return self.verified_at is not None

    @property
    def deletion_pending(self):
        return self.deletion_requested_at is not None

    def __repr__(self):
        return f"<Company {self.neq}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10), default=CompanyRole.MEMBER)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped["User"] = relationship(back_populates="memberships")  # noqa: F821
    company: Mapped[Company] = relationship(back_populates="memberships", lazy="joined")


class Invitation(db.Model):
    """An e-mailed invitation to join a company; the link carries a signed token."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    company: Mapped[Company] = relationship()
