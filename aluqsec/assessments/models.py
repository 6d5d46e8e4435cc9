"""Assessments and their answers."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow
from ..scoring.scope import Scope


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"


class Assessment(db.Model):
    """One company's run through one pinned questionnaire version."""

    __tablename__ = "assessments"
    __table_args__ = (
        Index("ix_assessments_company_status", "company_id", "status"),
        # The programme figures' fingerprint counts submissions and reads their latest dates from
        # this index alone, not from the rows (each carries its scorecard).
        Index("ix_assessments_status_dates", "status", "submitted_at", "reviewed_at"),
        # One open draft per questionnaire per company, even when Start is clicked twice at once.
        Index("uq_assessments_one_draft", "company_id", "questionnaire_id", unique=True,
              sqlite_where=text("status = 'draft'"), postgresql_where=text("status = 'draft'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[str] = mapped_column(String(80))
    questionnaire_version: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64))
    targets: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default=Status.DRAFT)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Stored at submission so that dashboards never rescore.
    scorecard: Mapped[dict | None] = mapped_column(JSON)
    scoring_version: Mapped[str | None] = mapped_column(String(10))
    # Set when an advisor marks the assessment reviewed: scores with the validated levels.
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    validated_scorecard: Mapped[dict | None] = mapped_column(JSON)
    # Certification scope (None: not answered yet). Which systems handle the contract information
    # (office / office-some-plant / all), and whether controlled information is received.
    scope_contract_systems: Mapped[str | None] = mapped_column(String(20))
    scope_cui: Mapped[bool | None] = mapped_column()
    scope_controlled_goods: Mapped[bool | None] = mapped_column()
    scope_controlled_drawings: Mapped[bool | None] = mapped_column()

    company: Mapped["Company"] = relationship()  # noqa: F821

    @property
    def is_reviewed(self):
        return self.reviewed_at is not None

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def scope(self):
        """Return the scoping answers as the pure scoring's Scope."""
        return Scope(self.scope_contract_systems, self.scope_cui, self.scope_controlled_goods,
                     self.scope_controlled_drawings)

    @property
    def scope_answered(self):
        return self.scope_contract_systems is not None


class Answer(db.Model):
    """One answer: a level 0-5, N/A with its justification, or "I don't know"."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[str | None] = mapped_column(String(8))  # "0".."5", "na", "unknown"
    justification: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Copied from the previous assessment and not yet confirmed by anyone.
    to_confirm: Mapped[bool] = mapped_column(default=False)
    # Incremented on each change; a save based on an older version is a conflict.
    revision: Mapped[int] = mapped_column(default=1)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An advisor's validated level beside the self-declared one; both are kept.
    validated_value: Mapped[str | None] = mapped_column(String(8))
    validated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    validated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    answered_by: Mapped["User | None"] = relationship(foreign_keys=[answered_by_id])  # noqa: F821
