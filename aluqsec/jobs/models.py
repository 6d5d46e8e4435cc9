"""A job of the queue: what to run, its state, its lease, and the file it made."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Job(db.Model):
    """One piece of work for a worker.

    The database is the broker: a worker claims a job with a conditional UPDATE
    and holds it for a lease (``locked_by`` until ``locked_until``); a job whose
    worker died is claimed again once its lease is over. ``key`` is unique: it
    makes a second request for the same work return the queued job, and names
    the period of a scheduled job so that it runs once per period.
    """

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_state_run_after", "state", "run_after"),
                      Index("ix_jobs_company", "company_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    state: Mapped[str] = mapped_column(String(10), default=JobState.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=3)
    run_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_by: Mapped[str | None] = mapped_column(String(120))
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    progress: Mapped[int] = mapped_column(default=0)
    # The file the job made, under the jobs folder, and how to send it.
    result_path: Mapped[str] = mapped_column(String(300), default="")
    result_name: Mapped[str] = mapped_column(String(200), default="")
    result_type: Mapped[str] = mapped_column(String(100), default="")
    # Companies whose data the file holds: each is checked again when the file is downloaded.
    covers: Mapped[list] = mapped_column(JSON, default=list)
    error: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    requested_by = relationship("User", foreign_keys=[requested_by_id])
    company = relationship("Company", foreign_keys=[company_id])

    @property
    def is_active(self):
        return self.state in (JobState.QUEUED, JobState.RUNNING)
