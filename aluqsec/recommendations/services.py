"""Recommendations for a company, from its stored scorecard and the upcoming events."""
from datetime import timedelta

from sqlalchemy import select

from ..aggregates.queries import demand_counts
from ..assessments.models import Assessment, Status
from ..events.queries import upcoming
from ..extensions import db
from ..models import utcnow
from ..questionnaires.services import get_bank
from .demand import Seats, demand_from_counts
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


def demand_table(months=6, threshold=3.0):
    """Return the organizers' demand view: ``{topic: TopicDemand}`` for every topic of the bank.

    Only aggregates leave this function: counts from the stored figures, aggregated in SQL;
    only verified companies count, and groups under 5 companies are hidden by
    :func:`demand.demand_from_counts`.
    """
    gaps, regions, sectors = demand_counts(threshold)
    horizon = utcnow() + timedelta(days=30 * months)
    seats = [Seats(topics=tuple(event.topics), region=event.region if event.format == "in_person" else None,
                   capacity=event.capacity)
             for event in upcoming(sessions=False) if event.starts_at <= horizon]
    return demand_from_counts(gaps, regions, sectors, seats, list(get_bank().topics))
