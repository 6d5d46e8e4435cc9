"""Recommendations for a company, from its stored scorecard and the upcoming events."""
from datetime import timedelta

from sqlalchemy import func, select, true

from ..assessments.models import Assessment, Status
from ..companies.models import Company
from ..events.queries import upcoming
from ..extensions import db
from ..models import utcnow
from ..privacy.verification import counted_in_aggregates
from ..questionnaires.services import get_bank
from .demand import CompanyGaps, Seats, demand
from .ranking import CompanyProfile, EventInfo, recommend


def latest_scorecard(company):
    """Return the scorecard of the company's latest submitted assessment, or None."""
    return db.session.scalar(
        select(Assessment.scorecard).where(Assessment.company_id == company.id, Assessment.status != Status.DRAFT)
        .order_by(Assessment.submitted_at.desc(), Assessment.id.desc()).limit(1))


def event_info(event):
    return EventInfo(id=event.id, starts_at=event.starts_at, topics=tuple(event.topics), language=event.language,
                     region=event.region if event.format == "in_person" else None,
                     seats_left=event.seats_left, kind=event.kind)


def for_company(company, events=None, limit=None, exclude=(), scorecard=None):
    """Return ``[(event, Recommendation)]`` for *company*: the most relevant, soonest first.

    :param events: the upcoming events to choose from (read once by the caller),
        else all upcoming events.
    :param exclude: ids of events not to recommend (e.g. those the user already joined).
    :param scorecard: the company's latest stored scorecard when the caller already has it.
    """
    scorecard = scorecard if scorecard is not None else latest_scorecard(company)
    if not scorecard or not scorecard.get("topics"):
        return []
    events = [event for event in (upcoming() if events is None else events) if event.id not in exclude]
    by_id = {event.id: event for event in events}
    profile = CompanyProfile(topics=scorecard["topics"], language=company.language, region=company.region)
    ranked = recommend(profile, [event_info(event) for event in events], utcnow(), limit=limit)
    # The best ones are chosen by relevance, then shown as a calendar: soonest first.
    return sorted(((by_id[item.event_id], item) for item in ranked), key=lambda pair: (pair[0].starts_at, pair[0].id))


def latest_scorecards(counted_only=False):
    """Return ``[(company, scorecard)]``: each company's latest submitted scorecard, in two queries.

    :param counted_only: keep only the companies aggregates may count (verified, not being deleted).
    """
    newest = (select(Assessment.company_id, func.max(Assessment.submitted_at).label("at"))
              .where(Assessment.status != Status.DRAFT).group_by(Assessment.company_id).subquery())
    rows = db.session.execute(
        select(Company, Assessment.scorecard)
        .join(Assessment, Assessment.company_id == Company.id)
        .join(newest, (newest.c.company_id == Assessment.company_id) & (newest.c.at == Assessment.submitted_at))
        .where(counted_in_aggregates() if counted_only else true()))
    seen, result = set(), []
    for company, scorecard in rows:
        if company.id not in seen:  # two submissions in the same instant: keep one
            seen.add(company.id)
            result.append((company, scorecard))
    return result


def demand_table(months=6, threshold=3.0):
    """Return the organizers' demand view: ``{topic: TopicDemand}`` for every topic of the bank.

    Only aggregates leave this function; only verified companies count, and groups
    under 5 companies are hidden by :func:`demand.demand`.
    """
    companies = [CompanyGaps(region=company.region, sector=company.sector,
                             gap_topics=frozenset(t for t, value in (scorecard.get("topics") or {}).items()
                                                  if value is not None and value < threshold))
                 for company, scorecard in latest_scorecards(counted_only=True)]
    horizon = utcnow() + timedelta(days=30 * months)
    seats = [Seats(topics=tuple(event.topics), region=event.region if event.format == "in_person" else None,
                   capacity=event.capacity)
             for event in upcoming() if event.starts_at <= horizon]
    return demand(companies, seats, list(get_bank().topics))
