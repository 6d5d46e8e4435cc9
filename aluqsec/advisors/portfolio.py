"""An advisor's portfolio: every granted company in a fixed number of queries."""
from datetime import UTC, date

from sqlalchemy import func, select

from ..actions.models import ActionItem, ActionStatus
from ..assessments.models import Assessment, Status
from ..assessments.results import readiness_brief
from ..companies.models import Company
from ..evidence.status import evidence_counts, side_by_side
from ..extensions import db
from ..progress.models import Journey
from ..questionnaires.services import get_bank
from .models import AdvisorGrant, CoachingMeeting, GrantStatus

SORTS = ("name", "maturity", "trend", "overdue", "activity")


def _latest_two(company_ids):
    ranked = (select(Assessment.company_id, Assessment.id, Assessment.scorecard, Assessment.targets,
                     Assessment.submitted_at, Assessment.reviewed_at, Assessment.validated_scorecard,
                     func.row_number().over(partition_by=Assessment.company_id,
                                            order_by=(Assessment.submitted_at.desc(), Assessment.id.desc()))
                     .label("rank"))
              .where(Assessment.company_id.in_(company_ids), Assessment.status != Status.DRAFT).subquery())
    latest = {}
    for row in db.session.execute(select(ranked).where(ranked.c.rank <= 2).order_by(ranked.c.rank)):
        latest.setdefault(row.company_id, []).append(row)
    return latest


def _grouped(query):
    return dict(db.session.execute(query).all())


def portfolio(advisor, today=None):
    """Return one row per company that granted *advisor* access.

    Seven queries whatever the number of companies: grants, latest assessments,
    overdue actions, journeys, two for the last activity, and the evidence.
    """
    today = today or date.today()
    grants = db.session.execute(
        select(AdvisorGrant, Company).join(Company, Company.id == AdvisorGrant.company_id)
        .where(AdvisorGrant.advisor_id == advisor.id, AdvisorGrant.status == GrantStatus.ACTIVE)).all()
    ids = [company.id for _grant, company in grants]
    if not ids:
        return []
    latest = _latest_two(ids)
    overdue = _grouped(select(ActionItem.company_id, func.count()).where(
        ActionItem.company_id.in_(ids), ActionItem.status != ActionStatus.DONE, ActionItem.due_date < today)
        .group_by(ActionItem.company_id))
    journeys = {}
    for journey in db.session.scalars(select(Journey).where(Journey.company_id.in_(ids))):
        journeys.setdefault(journey.company_id, {})[journey.certification] = journey.stage
    assessed = _grouped(select(Assessment.company_id, func.max(Assessment.created_at))
                        .where(Assessment.company_id.in_(ids)).group_by(Assessment.company_id))
    coached = _grouped(select(CoachingMeeting.company_id, func.max(CoachingMeeting.created_at))
                       .where(CoachingMeeting.company_id.in_(ids)).group_by(CoachingMeeting.company_id))
    evidence = evidence_counts(ids, today)
    frameworks = get_bank().frameworks
    rows = []
    for grant, company in grants:
        history = latest.get(company.id, [])
        current = history[0] if history else None
        overall = current.scorecard.get("overall") if current else None
        before = history[1].scorecard.get("overall") if len(history) > 1 else None
        activity = [moment for moment in (assessed.get(company.id), coached.get(company.id),
                                          current.submitted_at if current else None) if moment]
        rows.append({
            "company": company, "scope": grant.scope, "assessment_id": current.id if current else None,
            "reviewed": bool(current and current.reviewed_at), "overall": overall,
            "trend": None if overall is None or before is None else round(overall - before, 2),
            "readiness": [(cert, readiness_brief(frameworks[cert], current.scorecard["readiness"][cert]))
                          for cert in (current.targets or [])
                          if cert in frameworks and current.scorecard["readiness"].get(cert)] if current else [],
            "side_by_side": side_by_side(current.targets or [], current.scorecard, current.validated_scorecard,
                                         evidence[company.id]) if current else [],
            "stages": journeys.get(company.id, {}), "overdue": overdue.get(company.id, 0),
            "last_activity": max(_aware(moment) for moment in activity) if activity else None,
        })
    return rows


def _aware(moment):
    # func.max() over a timestamp comes back naive from SQLite.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def arrange(rows, sort="name", region=None, sector=None):
    """Filter and sort portfolio rows (missing values last)."""
    rows = [r for r in rows if (not region or r["company"].region == region)
            and (not sector or r["company"].sector == sector)]
    keys = {
        "name": lambda r: (r["company"].legal_name.lower(),),
        "maturity": lambda r: (r["overall"] is None, r["overall"] or 0),
        "trend": lambda r: (r["trend"] is None, -(r["trend"] or 0)),
        "overdue": lambda r: (-r["overdue"],),
        "activity": lambda r: (r["last_activity"] is None, -(r["last_activity"].timestamp() if r["last_activity"]
                                                              else 0)),
    }
    return sorted(rows, key=keys.get(sort, keys["name"]))


