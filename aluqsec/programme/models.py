"""Feedback asked from each attendee after an event; the programme's figures kept per period."""
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class EventFeedback(db.Model):
    """The survey sent to one attendee of one event; the unique registration makes sending idempotent."""

    __tablename__ = "event_feedback"
    __table_args__ = (Index("ix_event_feedback_event", "event_id", "answered_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    usefulness: Mapped[int | None] = mapped_column()  # 1 (not useful) to 5 (very useful)
    will_apply: Mapped[str] = mapped_column(Text, default="")
    topics_wanted: Mapped[list] = mapped_column(JSON, default=list)
    other_topics: Mapped[str] = mapped_column(String(300), default="")

    registration: Mapped["Registration"] = relationship()  # noqa: F821


class ProgrammeSnapshot(db.Model):
    """The programme's figures for one period, computed by a worker and shown until the data moves on.

    Computing them reads the whole cluster's history (seconds at 2,000 companies): the page
    shows the stored figures, and asks a worker for new ones when *stamp* (a fingerprint of
    what the figures read) no longer matches or they are older than ``PROGRAMME_FIGURES_TTL``.
    """

    __tablename__ = "programme_snapshots"
    __table_args__ = (UniqueConstraint("start", "end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    stamp: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    data: Mapped[dict] = mapped_column(JSON)
