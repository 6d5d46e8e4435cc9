"""Events, their sessions, registrations and the reminders already sent."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class Kind(StrEnum):
    CIRCLE = "circle"
    TRAINING = "training"
    AWARENESS = "awareness"
    WEBINAR = "webinar"


class Format(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Event(db.Model):
    """A training, awareness session, webinar, or a sharing circle (several sessions, one cohort)."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
        Index("ix_events_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    description_fr: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(9))  # fr, en, bilingual
    format: Mapped[str] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(String(300), default="")
    region: Mapped[str | None] = mapped_column(String(2))
    online_link: Mapped[str] = mapped_column(String(500), default="")
    capacity: Mapped[int]
    # Confirmed registrations, kept in step with them by one conditional UPDATE so
    # that concurrent registrations can never oversell (see services.register).
    seats_taken: Mapped[int] = mapped_column(default=0)
    registration_deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    # First session start and last session end, for listing and filtering.
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sessions: Mapped[list["EventSession"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventSession.starts_at",
        lazy="selectin")

    def title(self, language):
        return self.title_en if language == "en" else self.title_fr

    def description(self, language):
        return self.description_en if language == "en" else self.description_fr

    @property
    def seats_left(self):
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


class EventSession(db.Model):
    __tablename__ = "event_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship(back_populates="sessions")


class Registration(db.Model):
    """A person's place (confirmed or waitlisted) at an event, for their company."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),
                      Index("ix_registrations_event_status", "event_id", "status", "queued_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10))
    # Waitlist order: when the person (re)joined.
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Completed: attended enough of the sessions held so far (None until a session has started).
    attended: Mapped[bool | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    user: Mapped["User"] = relationship()  # noqa: F821
    company: Mapped["Company | None"] = relationship()  # noqa: F821


class SessionAttendance(db.Model):
    """A person was present at one session of an event (a row means present)."""

    __tablename__ = "session_attendance"
    __table_args__ = (UniqueConstraint("registration_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SentReminder(db.Model):
    """A reminder already e-mailed; the unique key makes the reminders command idempotent."""

    __tablename__ = "sent_reminders"
    __table_args__ = (UniqueConstraint("registration_id", "session_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(ForeignKey("event_sessions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(4))  # "7d" or "1d"
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MailingStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # recorded before the message goes out: never sent twice, even if the worker dies
    SENT = "sent"
    FAILED = "failed"    # the relay refused it: tried again on the job's next try


class EventMailing(db.Model):
    """An e-mail to everyone registered or waiting (an organizer's message or the cancellation notice).

    The request fixes its recipients and queues the job that sends it; the rows stay after
    the job is purged, so the event page can still say how it went.
    """

    __tablename__ = "event_mailings"
    __table_args__ = (Index("ix_event_mailings_event", "event_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    template: Mapped[str] = mapped_column(String(40))  # organizer_message or event_cancelled
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    recipients: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    sender: Mapped["User | None"] = relationship()  # noqa: F821
    job: Mapped["Job | None"] = relationship()  # noqa: F821


class MailingRecipient(db.Model):
    """One person a mailing goes to, and whether their message went out."""

    __tablename__ = "event_mailing_recipients"
    __table_args__ = (UniqueConstraint("mailing_id", "user_id"),
                      Index("ix_event_mailing_recipients_status", "mailing_id", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    mailing_id: Mapped[int] = mapped_column(ForeignKey("event_mailings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=MailingStatus.PENDING)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped["User"] = relationship()  # noqa: F821
