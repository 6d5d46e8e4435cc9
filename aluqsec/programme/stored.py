"""The programme's figures as the page reads them: stored per period, refreshed by a worker."""
import hashlib
from datetime import timedelta

from flask import current_app
from flask_babel import to_user_timezone
from sqlalchemy import delete, func, select

from ..assessments.models import Assessment, Status
from ..companies.models import Company
from ..events.models import Event, SessionAttendance
from ..extensions import db
from ..jobs import queue
from ..models import utcnow
from ..progress.models import Journey
from .dashboard import programme_dashboard
from .models import EventFeedback, ProgrammeSnapshot
from .period import read_period
from .snapshot import dump, load

KIND = "programme_figures"


def inputs_stamp():
    """Return a fingerprint of what the figures read, in one statement of indexed counts and maxima.

    A submission, a review, a verification, a deletion, an attendance, a certification or an
    answered survey changes it. Edits that leave no count or date behind (an event's topics, a
    company's sector) are caught by the snapshots' age limit instead. The assessments' parts
    read the status and dates index alone, not the rows (each carries its scorecard).
    """
    submitted = Assessment.status != Status.DRAFT
    parts = db.session.execute(select(
        select(func.count()).where(submitted).scalar_subquery(),
        select(func.max(Assessment.submitted_at)).where(submitted).scalar_subquery(),
        select(func.max(Assessment.reviewed_at)).where(submitted).scalar_subquery(),
        select(func.count(Company.verified_at)).scalar_subquery(),
        select(func.max(Company.verified_at)).scalar_subquery(),
        select(func.count(Company.deletion_requested_at)).scalar_subquery(),
        select(func.count(Company.id)).scalar_subquery(),
        select(func.count(SessionAttendance.id)).scalar_subquery(),
        select(func.max(SessionAttendance.id)).scalar_subquery(),
        select(func.count(Journey.certified_on)).scalar_subquery(),
        select(func.max(Journey.certified_on)).scalar_subquery(),
        select(func.count(EventFeedback.answered_at)).scalar_subquery(),
        select(func.max(EventFeedback.answered_at)).scalar_subquery(),
        select(func.count(Event.id)).scalar_subquery(),
    )).one()
    return hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()


def snapshot_of(start, end):
    """Return the stored ProgrammeSnapshot of ``start``–``end``, or None."""
    return db.session.scalar(select(ProgrammeSnapshot).where(ProgrammeSnapshot.start == start,
                                                             ProgrammeSnapshot.end == end))


def is_current(snapshot, stamp, now=None):
    """Return True when *snapshot* was computed from the data as it is (*stamp*) and is not too old."""
    age_limit = timedelta(seconds=current_app.config["PROGRAMME_FIGURES_TTL"])
    return snapshot.stamp == stamp and (now or utcnow()) - snapshot.computed_at < age_limit


def figures(start, end):
    """Return ``(data or None, snapshot or None, job or None)`` for the page.

    *data* is the last computed figures (possibly older than the data); *job* is the worker's job
    computing newer ones when they are missing or out of date (one per period however many ask;
    nobody's own job: it makes no file to download). The caller commits.
    """
    snapshot, stamp = snapshot_of(start, end), inputs_stamp()
    if snapshot is not None and is_current(snapshot, stamp):
        return load(snapshot.data), snapshot, None
    return (load(snapshot.data) if snapshot is not None else None), snapshot, ask_for(start, end)


def ask_for(start, end):
    """Queue the computation of ``start``–``end``'s figures, or return the job already queued; the caller commits."""
    job, _created = queue.enqueue(KIND, {"start": start.isoformat(), "end": end.isoformat()},
                                  key=f"{KIND}:{start}:{end}")
    return job


def default_period():
    """Return ``(start, end)`` of the page's default period: the last twelve months, in Montreal."""
    start, end, _error = read_period({}, to_user_timezone(utcnow()).date())
    return start, end


def compute(start, end):
    """Compute ``start``–``end``'s figures and keep them (a worker's job); the caller commits."""
    stamp = inputs_stamp()  # read first: what changes while computing makes the next visit ask again
    return store(start, end, stamp, programme_dashboard(start, end))


def store(start, end, stamp, data):
    """Keep *data* as the figures of ``start``–``end`` computed from the data fingerprinted by *stamp*."""
    snapshot = snapshot_of(start, end)
    if snapshot is None:
        snapshot = ProgrammeSnapshot(start=start, end=end)
        db.session.add(snapshot)
    snapshot.stamp, snapshot.computed_at, snapshot.data = stamp, utcnow(), dump(data)
    return snapshot


def purge_snapshots(cutoff):
    """Delete the figures of periods computed before *cutoff*; return how many.

    The default period is computed again every hour and any period on every visit once its
    figures are out of date, so what goes is a period nobody has opened since *cutoff*.
    """
    return db.session.execute(delete(ProgrammeSnapshot).where(ProgrammeSnapshot.computed_at < cutoff)).rowcount
