"""Action items: one per practice and company, mirroring the latest submitted assessment."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models import UTCDateTime, utcnow


class ActionStatus(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class ActionItem(db.Model):
    """What a company does about one practice: reconciled on each submission, then edited by the company."""

    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_company_status", "company_id", "status"),
        # Overdue counts (advisor portfolio, dashboards): the few items with a due date, found by it.
        Index("ix_action_items_due_date", "due_date", sqlite_where=text("due_date IS NOT NULL"),
              postgresql_where=text("due_date IS NOT NULL")),
        # One item per practice and company, whatever questionnaire showed the gap.
        UniqueConstraint("company_id", "practice_id", name="uq_action_items_company_practice"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    practice_id: Mapped[str] = mapped_column(String(120))
    # The question (and its questionnaire) that showed the gap last: titles of uploaded
    # questionnaires' practices and the domain filter come from it.
    questionnaire_id: Mapped[str] = mapped_column(String(80))
    question_id: Mapped[str] = mapped_column(String(80))
    domain_id: Mapped[str | None] = mapped_column(String(80))
    # The assessment whose gap created the item, and the last one that decided its state.
    source_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    last_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    # The gap as the last assessment measured it (None on items migrated from before practices).
    priority: Mapped[float] = mapped_column(default=0.0)
    level: Mapped[int | None]
    threshold: Mapped[int | None]
    shortfall: Mapped[int | None]
    weight: Mapped[int | None]
    effort: Mapped[str | None] = mapped_column(String(8))
    # Targeted certifications the gap blocks, as ",id,id," so that one LIKE filters on one.
    blocks: Mapped[str] = mapped_column(String(200), default="", server_default="")
    position: Mapped[int] = mapped_column(default=0)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    due_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(12), default=ActionStatus.TODO)
    closed_automatically: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    assignee: Mapped["User | None"] = relationship()  # noqa: F821
    last_assessment: Mapped["Assessment | None"] = relationship(foreign_keys=[last_assessment_id])  # noqa: F821

    @property
    def blocked(self):
        """Return the ids of the targeted certifications the gap blocks."""
        return tuple(part for part in self.blocks.split(",") if part)

    @property
    def is_open(self):
        return self.status != ActionStatus.DONE
