"""One page of an advisor's portfolio, sorted, filtered and paged in SQL from the stored figures."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, union_all

from ..actions.models import ActionItem, ActionStatus
from ..aggregates.models import ScoreFramework, ScoreSummary
from ..assessments.models import Assessment
from ..companies.models import Company
from ..evidence.status import evidence_counts, side_by_side_figures
from ..extensions import db
from ..progress.models import Journey
from ..questionnaires.services import get_bank
from .models import AdvisorGrant, CoachingMeeting, GrantStatus

PAGE_SIZE = 50
MAX_PAGE = 1000


@dataclass(frozen=True)
class Listing:
    """What the portfolio view asks for; unknown values never reach here."""

    sort: str = "name"
    region: str | None = None
    sector: str | None = None
    page: int = 1


def _order(sort, summary, overdue, activity):
    trend = summary.overall - summary.previous_overall
    keys = {
        "name": (func.lower(Company.legal_name),),
        "maturity": (summary.overall.is_(None), summary.overall),
        "trend": (trend.is_(None), trend.desc()),
        "overdue": (func.coalesce(overdue.c.count, 0).desc(),),
        "activity": (activity.c.at.is_(None), activity.c.at.desc()),
    }
    return (*keys[sort], func.lower(Company.legal_name), Company.id)


def _subqueries(granted, today):
    overdue = (select(ActionItem.company_id, func.count().label("count"))
               .where(ActionItem.company_id.in_(granted), ActionItem.status != ActionStatus.DONE,
                      ActionItem.due_date < today).group_by(ActionItem.company_id).subquery())
    moments = union_all(
        select(Assessment.company_id, Assessment.created_at.label("at")).where(Assessment.company_id.in_(granted)),
        select(Assessment.company_id, Assessment.submitted_at).where(Assessment.company_id.in_(granted),
                                                                    Assessment.submitted_at.is_not(None)),
        select(CoachingMeeting.company_id, CoachingMeeting.created_at).where(CoachingMeeting.company_id.in_(granted)),
    ).subquery()
    activity = select(moments.c.company_id, func.max(moments.c.at).label("at")).group_by(moments.c.company_id) \
        .subquery()
    return overdue, activity


def portfolio_page(advisor, listing, today=None):
    """Return ``(rows, total)``: one page of the companies that granted *advisor* access.

    Six queries whatever the number of companies or assessments: the page's rows
    (with maturity, trend, overdue actions and last activity), the total, and the page's
    readiness figures, journey stages, validated scorecards (reviewed rows only) and evidence.
    Rows have the keys :func:`.portfolio.portfolio` gives.
    """
    today = today or date.today()
    granted = select(AdvisorGrant.company_id).where(AdvisorGrant.advisor_id == advisor.id,
                                                    AdvisorGrant.status == GrantStatus.ACTIVE)
    overdue, activity = _subqueries(granted, today)
    conditions = [AdvisorGrant.advisor_id == advisor.id, AdvisorGrant.status == GrantStatus.ACTIVE]
    if listing.region:
        conditions.append(Company.region == listing.region)
    if listing.sector:
        conditions.append(Company.sector == listing.sector)
    base = (select(AdvisorGrant.scope, Company, ScoreSummary.id.label("summary_id"), ScoreSummary.assessment_id,
                   ScoreSummary.reviewed_at, ScoreSummary.overall, ScoreSummary.previous_overall,
                   overdue.c.count.label("overdue"), activity.c.at.label("last_activity"))
            .join(Company, Company.id == AdvisorGrant.company_id)
            .outerjoin(ScoreSummary, (ScoreSummary.company_id == Company.id) & ScoreSummary.latest)
            .outerjoin(overdue, overdue.c.company_id == Company.id)
            .outerjoin(activity, activity.c.company_id == Company.id)
            .where(*conditions))
    total = db.session.scalar(select(func.count()).select_from(
        select(AdvisorGrant.id).join(Company, Company.id == AdvisorGrant.company_id).where(*conditions).subquery()))
    found = db.session.execute(base.order_by(*_order(listing.sort, ScoreSummary, overdue, activity))
                               .limit(PAGE_SIZE).offset((listing.page - 1) * PAGE_SIZE)).all()
    return _rows(found, today), total


def _rows(found, today):
    summaries = [row.summary_id for row in found if row.summary_id]
    company_ids = [row.Company.id for row in found]
    reviewed = [row.assessment_id for row in found if row.reviewed_at is not None]
    # Asked even for a page with no reviewed row: the same statements whatever the page holds.
    validated = dict(db.session.execute(select(Assessment.id, Assessment.validated_scorecard)
                                        .where(Assessment.id.in_(reviewed))).all())
    evidence = evidence_counts(company_ids, today) if company_ids else {}
    readiness = {}
    if summaries:
        for figure in db.session.scalars(select(ScoreFramework).where(ScoreFramework.summary_id.in_(summaries),
                                                                      ScoreFramework.target_rank.is_not(None))):
            readiness.setdefault(figure.summary_id, {})[figure.framework_id] = figure
    stages = {}
    if company_ids:
        for journey in db.session.scalars(select(Journey).where(Journey.company_id.in_(company_ids))):
            stages.setdefault(journey.company_id, {})[journey.certification] = journey.stage
    frameworks = get_bank().frameworks
    rows = []
    for row in found:
        figures = readiness.get(row.summary_id, {})
        targets = [cert for cert, _figure in sorted(figures.items(), key=lambda item: item[1].target_rank)]
        overall, before = row.overall, row.previous_overall
        rows.append({
            "company": row.Company, "scope": row.scope, "assessment_id": row.assessment_id,
            "reviewed": row.reviewed_at is not None, "overall": overall,
            "trend": None if overall is None or before is None else round(overall - before, 2),
            "readiness": [(cert, _brief(frameworks[cert], figure)) for cert, figure in
                          sorted(figures.items(), key=lambda item: item[1].target_rank)],
            "side_by_side": side_by_side_figures(targets, {cert: figure.met for cert, figure in figures.items()},
                                                 validated.get(row.assessment_id), evidence[row.Company.id])
            if row.summary_id else [],
            "stages": stages.get(row.Company.id, {}), "overdue": row.overdue or 0,
            "last_activity": row.last_activity,
        })
    return rows


def _brief(framework, figure):
    return {"met": figure.met, "total": figure.total, "verdict": figure.verdict, "percent": figure.percent,
            "not_assessed": figure.not_assessed, "confirmation": framework.confirmation, "id": framework.id}
