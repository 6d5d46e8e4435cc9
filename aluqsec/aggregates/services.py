"""Keep each company's stored figures in step with its submitted assessments."""
from sqlalchemy import delete, insert, select

from ..assessments.models import Assessment, Status
from ..companies.services import lock_company
from ..extensions import db
from .figures import figures_of, needed_ids, summary_rows
from .models import ScoreDomain, ScoreFramework, ScoreRequirement, ScoreSummary, ScoreTopic, TopicHistory


def refresh_company(company_id, frameworks):
    """Rewrite *company_id*'s figures from its submitted assessments; flush, never commit.

    Called at submission, on review and on a scope change (and by the backfill), so the
    order is always the one pages use: newest ``submitted_at`` first, then the highest id.
    :param frameworks: ``{id: Framework}`` of the bank.
    """
    # Two submissions at once would both delete, then both insert a "latest" summary.
    lock_company(company_id)
    history = db.session.execute(
        select(Assessment.id, Assessment.questionnaire_id, Assessment.submitted_at, Assessment.reviewed_at,
               Assessment.targets)
        .where(Assessment.company_id == company_id, Assessment.status != Status.DRAFT)
        .order_by(Assessment.submitted_at.desc(), Assessment.id.desc())).all()
    ids = needed_ids(history)
    scorecards = dict(db.session.execute(
        select(Assessment.id, Assessment.scorecard).where(Assessment.id.in_(ids))).all()) if ids else {}
    db.session.execute(delete(ScoreSummary).where(ScoreSummary.company_id == company_id)
                       .execution_options(synchronize_session=False))
    for (assessment_id, questionnaire_id, submitted_at, reviewed_at, targets), latest, previous in \
            summary_rows(history, scorecards):
        store(company_id, assessment_id, questionnaire_id, submitted_at, reviewed_at, latest, previous,
              figures_of(scorecards[assessment_id] or {}, frameworks, targets))
    db.session.flush()


def store(company_id, assessment_id, questionnaire_id, submitted_at, reviewed_at, latest, previous, figures):
    """Insert one summary and its typed rows."""
    summary_id = db.session.execute(insert(ScoreSummary).values(
        company_id=company_id, assessment_id=assessment_id, questionnaire_id=questionnaire_id,
        submitted_at=submitted_at, reviewed_at=reviewed_at, latest=latest, overall=figures.overall,
        previous_overall=previous).returning(ScoreSummary.id)).scalar_one()
    rows = [
        (ScoreDomain, [{"summary_id": summary_id, "domain_id": k, "value": v} for k, v in figures.domains.items()]),
        (ScoreTopic, [{"summary_id": summary_id, "topic_id": k, "value": v} for k, v in figures.topics.items()]),
        (ScoreFramework, [{"summary_id": summary_id, "framework_id": k, "met": f.met, "total": f.total,
                           "percent": f.percent, "verdict": f.verdict, "not_assessed": f.not_assessed,
                           "target_rank": f.target_rank}
                          for k, f in figures.frameworks.items()]),
        (ScoreRequirement, [{"summary_id": summary_id, "framework_id": fid, "requirement_id": rid, "status": status}
                            for (fid, rid), status in figures.requirements.items()]),
    ]
    for model, values in rows:
        if values:
            db.session.execute(insert(model), values)


def store_topic_history(assessment_id, topics):
    """Write the per-topic maturities of one submitted assessment (at submission and on re-scoring)."""
    db.session.execute(delete(TopicHistory).where(TopicHistory.assessment_id == assessment_id)
                       .execution_options(synchronize_session=False))
    if topics:
        db.session.execute(insert(TopicHistory), [{"assessment_id": assessment_id, "topic_id": topic, "value": value}
                                                  for topic, value in topics.items()])


def refresh_all(frameworks):
    """Rewrite the figures of every company with a submitted assessment; return how many."""
    company_ids = db.session.scalars(select(Assessment.company_id).where(Assessment.status != Status.DRAFT)
                                     .distinct()).all()
    for company_id in company_ids:
        refresh_company(company_id, frameworks)
    return len(company_ids)
