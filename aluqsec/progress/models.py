"""Certification journeys and the journey reminders already sent."""
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import UTCDateTime, utcnow


class Journey(db.Model):
    """One company's road to one certification: the date each stage was reached."""

    __tablename__ = "journeys"
    __table_args__ = (UniqueConstraint("company_id", "certification"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    certification: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(20), default="self_assessment")
    self_assessment_on: Mapped[date | None] = mapped_column(Date)
    remediation_on: Mapped[date | None] = mapped_column(Date)
    pre_audit_on: Mapped[date | None] = mapped_column(Date)
    audit_booked_on: Mapped[date | None] = mapped_column(Date)
    certified_on: Mapped[date | None] = mapped_column(Date)
    target_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JourneyReminder(db.Model):
    """A due-date reminder already e-mailed; unique so the reminders command never repeats it."""

    __tablename__ = "journey_reminders"
    __table_args__ = (UniqueConstraint("company_id", "certification", "kind", "due_on", "lead_days"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    certification: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(30))
    due_on: Mapped[date] = mapped_column(Date)
    lead_days: Mapped[int]
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
