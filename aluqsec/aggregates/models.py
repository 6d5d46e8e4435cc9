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
    """One domain's maturity in a summary (None: every answer N/A)."""

    __tablename__ = "score_domains"
    __table_args__ = (UniqueConstraint("summary_id", "domain_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"))
    domain_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)


class ScoreTopic(db.Model):
    """The maturity of the questions carrying one topic."""

    __tablename__ = "score_topics"
    # The demand view counts, per topic, the companies under the threshold.
    __table_args__ = (UniqueConstraint("summary_id", "topic_id"),
                      Index("ix_score_topics_topic_value", "topic_id", "value"))

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"))
    topic_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)


class ScoreFramework(db.Model):
    """One framework's readiness: requirements met out of the catalogue's total, and the verdict."""

    __tablename__ = "score_frameworks"
    __table_args__ = (UniqueConstraint("summary_id", "framework_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"))
    framework_id: Mapped[str] = mapped_column(String(80))
    met: Mapped[int] = mapped_column()
    total: Mapped[int] = mapped_column()
    not_assessed: Mapped[int] = mapped_column(default=0)
    # Position among the assessment's targeted certifications (None: not targeted), for listing them in order.
    target_rank: Mapped[int | None] = mapped_column()
    percent: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(20))


class ScoreRequirement(db.Model):
    """One official requirement's status."""

    __tablename__ = "score_requirements"
    __table_args__ = (UniqueConstraint("summary_id", "framework_id", "requirement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(ForeignKey("score_summaries.id", ondelete="CASCADE"))
    framework_id: Mapped[str] = mapped_column(String(80))
    requirement_id: Mapped[str] = mapped_column(String(80))
    # met | not met | not assessed; None when a scorecard older than the catalogue cannot say.
    status: Mapped[str | None] = mapped_column(String(20))


class TopicHistory(db.Model):
    """One topic's maturity in one submitted assessment: every submission, not only the latest.

    The programme's figures over time (maturity per quarter, uplift after an event) read these
    typed rows instead of decoding every scorecard of the cluster's history.
    """

    __tablename__ = "score_history_topics"
    __table_args__ = (UniqueConstraint("assessment_id", "topic_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    topic_id: Mapped[str] = mapped_column(String(80))
    value: Mapped[float | None] = mapped_column(Float)
