"""Read what the programme dashboard shows for a period, for verified member companies only."""
from datetime import date, datetime, time, timedelta

from flask_babel import to_user_timezone
from sqlalchemy import func, select

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


def _snapshots(company_ids, end):
    rows = db.session.execute(select(Assessment.company_id, Assessment.submitted_at, Assessment.reviewed_at,
                                     Assessment.scorecard).where(
        Assessment.status != Status.DRAFT, Assessment.company_id.in_(company_ids))).all()
    return [(company_id, _day(submitted), _day(reviewed), (scorecard or {}).get("topics", {}))
            for company_id, submitted, reviewed, scorecard in rows if _day(submitted) <= end]


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
    snapshots = _snapshots(list(companies), end)
    certified = db.session.execute(select(Journey.company_id, Journey.certification, Journey.certified_on).where(
        Journey.company_id.in_(list(companies)), Journey.certified_on.is_not(None))).all()
    dates = [CompanyDates(company_id, registered,
                          min((on for cid, on, _r, _t in snapshots if cid == company_id), default=None),
                          min((rev for cid, _on, rev, _t in snapshots if cid == company_id and rev), default=None),
                          tuple((cert, on) for cid, cert, on in certified if cid == company_id))
             for company_id, (registered, _sector) in companies.items()]
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
