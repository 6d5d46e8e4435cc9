"""Advisor access granted by companies, reviews and coaching records."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class Scope(StrEnum):
    VIEW = "view"
    REVIEW = "review"


class GrantStatus(StrEnum):
    PROPOSED = "proposed"  # by an organizer, waiting for the owner
    ACTIVE = "active"
    DECLINED = "declined"
    REVOKED = "revoked"


class AdvisorGrant(db.Model):
    """A company's consent for one advisor to see (and possibly review) its data."""

    __tablename__ = "advisor_grants"
    __table_args__ = (UniqueConstraint("company_id", "advisor_id"),
                      Index("ix_advisor_grants_advisor_status", "advisor_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    advisor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(10), default=Scope.VIEW)
    status: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    company: Mapped["Company"] = relationship()  # noqa: F821
    advisor: Mapped["User"] = relationship()  # noqa: F821
    history: Mapped[list["GrantChange"]] = relationship(
        back_populates="grant", cascade="all, delete-orphan", order_by="GrantChange.at")


class GrantChange(db.Model):
    """Who proposed, granted, changed, declined or revoked access, and when."""

    __tablename__ = "grant_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("advisor_grants.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(12))  # proposed granted scope_changed accepted declined revoked
    scope: Mapped[str] = mapped_column(String(10))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    grant: Mapped[AdvisorGrant] = relationship(back_populates="history")
    actor: Mapped["User | None"] = relationship()  # noqa: F821


class ReviewComment(db.Model):
    """One message in the thread about one question of an assessment."""

    __tablename__ = "review_comments"
    __table_args__ = (Index("ix_review_comments_assessment", "assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(80))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped["User | None"] = relationship()  # noqa: F821


class CoachingMeeting(db.Model):
    """An advisor's record of a meeting with a company; only they and the company see it."""

    __tablename__ = "coaching_meetings"
    __table_args__ = (Index("ix_coaching_meetings_company", "company_id", "met_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    met_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    advisor: Mapped["User | None"] = relationship()  # noqa: F821
    commitments: Mapped[list["Commitment"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Commitment.id", lazy="selectin")
    company: Mapped["Company"] = relationship()  # noqa: F821

    @property
    def commitments_in_order(self):
        """Open commitments first, soonest due first; those done last."""
        return sorted(self.commitments, key=lambda c: (c.done_on is not None, c.due_on or date.max, c.id))


class Commitment(db.Model):
    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("coaching_meetings.id", ondelete="CASCADE"))
    description: Mapped[str] = mapped_column(String(500))
    owner: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    meeting: Mapped[CoachingMeeting] = relationship(back_populates="commitments")
