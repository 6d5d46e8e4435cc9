"""Each company's latest submitted figures, per questionnaire, as typed rows (written at submission)."""
from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models import UTCDateTime


class ScoreSummary(db.Model):
    """A company's newest submitted assessment of one questionnaire, with its overall maturity."""

    __tablename__ = "score_summaries"
    __table_args__ = (
        UniqueConstraint("company_id", "questionnaire_id"),
        # One latest row per company: the demand view and the portfolio read it.
        Index("uq_score_summaries_latest", "company_id", unique=True,
              sqlite_where=text("latest"), postgresql_where=text("latest")),
        Index("ix_score_summaries_questionnaire", "questionnaire_id", "company_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), unique=True)
    questionnaire_id: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The company's newest submitted assessment, whatever the questionnaire.
    latest: Mapped[bool] = mapped_column(default=False)
    overall: Mapped[float | None] = mapped_column(Float)
    # Overall of the company's submitted assessment just before this one (any questionnaire): the trend.
    previous_overall: Mapped[float | None] = mapped_column(Float)


class ScoreDomain(db.Model):
    __tablename__ = "score_domains"

    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"), primary_key=True)
    domain_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)


class ScoreTopic(db.Model):
    __tablename__ = "score_topics"
    __table_args__ = (Index("ix_score_topics_topic_value", "topic_id", "value"),)

    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[float | None] = mapped_column(Float)


class ScoreFramework(db.Model):
    __tablename__ = "score_frameworks"

    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"), primary_key=True)
    framework_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    met: Mapped[int] = mapped_column()
    total: Mapped[int] = mapped_column()
    percent: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(20))


class ScoreRequirement(db.Model):
    __tablename__ = "score_requirements"

    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"), primary_key=True)
    framework_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    requirement_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    # met | not met | not assessed; None when a scorecard older than the catalogue cannot say.
    status: Mapped[str | None] = mapped_column(String(20))
