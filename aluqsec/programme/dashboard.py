"""Read what the programme dashboard shows for a period, for verified member companies only."""
from datetime import date, datetime, time, timedelta

from flask_babel import to_user_timezone
from sqlalchemy import func, select

from ..aggregates.models import TopicHistory
from ..assessments.models import Assessment, Status
from ..companies.models import Company
from ..events.forms import ZONE
from ..events.models import Event, EventSession, Registration, SessionAttendance
from ..extensions import db
from ..privacy.verification import counted_in_aggregates
from ..progress.models import Journey
from ..questionnaires.services import get_bank
from .figures import CompanyDates, maturity_over_time, month_ends, participation, reach
from .impact import Snapshot, uplift
from .models import EventFeedback

CERTIFICATIONS = ("cybersecure-canada", "cpcsc-l1", "cmmc-l1")


def _day(moment):
    return to_user_timezone(moment).date() if moment is not None else None


def _companies(end):
    rows = db.session.execute(select(Company.id, Company.created_at, Company.sector).where(
        counted_in_aggregates())).all()
    return {company_id: (_day(created), sector) for company_id, created, sector in rows if _day(created) <= end}


def _snapshots(companies, end):
    """Return ``[(company id, day submitted, day reviewed, {topic: maturity})]`` up to *end*.

    Two queries over typed rows (the topic history stored at each submission): no scorecard
    is decoded, however long the cluster's history.
    """
    submitted = (Assessment.status != Status.DRAFT, counted_in_aggregates())
    assessments = db.session.execute(
        select(Assessment.id, Assessment.company_id, Assessment.submitted_at, Assessment.reviewed_at)
        .join(Company, Company.id == Assessment.company_id).where(*submitted)).all()
    topics = {}
    # ~190,000 rows at 2,000 companies: streamed in batches (a server-side cursor on PostgreSQL),
    # not fetched at once, so the worker's memory holds the figures, not the rows.
    for assessment_id, topic_id, value in db.session.execute(
            select(TopicHistory.assessment_id, TopicHistory.topic_id, TopicHistory.value)
            .join(Assessment, Assessment.id == TopicHistory.assessment_id)
            .join(Company, Company.id == Assessment.company_id).where(*submitted)
            .execution_options(yield_per=5000)):
        topics.setdefault(assessment_id, {})[topic_id] = value
    snapshots = [(company_id, _day(on), _day(reviewed), topics.get(assessment_id, {}))
                 for assessment_id, company_id, on, reviewed in assessments if company_id in companies]
    return [snapshot for snapshot in snapshots if snapshot[1] <= end]


def _dates(companies, snapshots, certified):
    """Return each company's CompanyDates, grouping the rows once (not a scan per company)."""
    assessed, reviewed, certifications = {}, {}, {}
    for company_id, on, review, _topics in snapshots:
        assessed[company_id] = min(on, assessed.get(company_id, on))
        if review is not None:
            reviewed[company_id] = min(review, reviewed.get(company_id, review))
    for company_id, certification, on in certified:
        certifications.setdefault(company_id, []).append((certification, on))
    return [CompanyDates(company_id, registered, assessed.get(company_id), reviewed.get(company_id),
                         tuple(certifications.get(company_id, ())))
            for company_id, (registered, _sector) in companies.items()]


def _presence(start, end):
    """Return one row per presence at a session held in the period, with what the figures group by."""
    first = datetime.combine(start, time.min, ZONE) - timedelta(days=1)  # widened; the caller keeps exact days
    last = datetime.combine(end, time.max, ZONE) + timedelta(days=1)
    return db.session.execute(
        select(Registration.company_id, Registration.user_id, Event.id.label("event_id"), Event.kind,
               Event.region, Company.sector, Event.topics, EventSession.starts_at)
        .join(SessionAttendance, SessionAttendance.registration_id == Registration.id)
        .join(EventSession, EventSession.id == SessionAttendance.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .outerjoin(Company, Company.id == Registration.company_id)
        .where(EventSession.starts_at >= first, EventSession.starts_at <= last)).all()


def programme_dashboard(start: date, end: date):
    """Return the plain data of the dashboard and of the funders' report for ``start``–``end``."""
    companies = _companies(end)
    snapshots = _snapshots(companies, end)
    certified = [row for row in db.session.execute(
        select(Journey.company_id, Journey.certification, Journey.certified_on)
        .where(Journey.certified_on.is_not(None))).all() if row.company_id in companies]
    dates = _dates(companies, snapshots, certified)
    days = month_ends(start, end)
    presence = [row for row in _presence(start, end) if start <= _day(row.starts_at) <= end]
    attended = {}
    for row in presence:
        if row.company_id in companies:
            for topic in row.topics:
                first = attended.setdefault(row.company_id, {}).get(topic)
                on = _day(row.starts_at)
                attended[row.company_id][topic] = on if first is None or on < first else first
    topics = list(get_bank().topics)
    points = [Snapshot(cid, on, topics_) for cid, on, _rev, topics_ in snapshots]
    quarters = [day for day in days if day.month % 3 == 0 or day == end]
    feedback = db.session.execute(select(func.count(), func.avg(EventFeedback.usefulness))
                                  .join(Event, Event.id == EventFeedback.event_id).where(
        EventFeedback.answered_at.is_not(None), Event.id.in_({row.event_id for row in presence}))).one()
    return {"start": start, "end": end, "days": days, "reach": reach(dates, days, CERTIFICATIONS),
            "participation": participation([(r.company_id, r.user_id, r.kind, r.region, r.sector) for r in presence]),
            "quarters": quarters, "maturity": maturity_over_time(points, topics, quarters),
            "uplift": uplift(points, attended, topics, start, end), "companies": len(companies),
            "feedback": {"answers": feedback[0], "mean": float(feedback[1]) if feedback[1] is not None else None}}
