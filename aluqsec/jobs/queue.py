"""Put jobs on the queue, claim them, and record how they ended: the application's database is the broker.

A claim is one conditional UPDATE: it takes a job only if it is still queued (or its
lease ran out), so two workers, on one machine or several, never both take it. On
PostgreSQL the candidate row is picked with ``FOR UPDATE SKIP LOCKED``, so a second
worker takes the next job instead of waiting for the first; SQLite serialises writes.
"""
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import utcnow
from . import policy
from .models import Job, JobState

KINDS = "aluqsec.jobs"  # key of app.extensions holding {name: JobKind}
ERROR_CHARS = 2000


class LeaseLost(Exception):
    """Another worker took the job over: this worker's lease ran out while it was running."""


def kinds(app=None):
    """Return the application's ``{name: JobKind}``."""
    return (app or current_app).extensions[KINDS]


def _lease():
    return timedelta(seconds=current_app.config["JOBS_LEASE_SECONDS"])


def active_by_key(key):
    """Return the job holding *key* (a queued or running one, or a scheduled one that ran), or None."""
    return db.session.scalar(select(Job).where(Job.key == key))


def enqueue(kind, args=None, *, key=None, requested_by=None, company=None):
    """Queue a job of *kind*, or return the job already holding *key*.

    Adds to the session without committing (the request commits); a concurrent request
    with the same key loses the insert and gets the other job.
    :param key: unique while the job is queued or running (and for ever for scheduled jobs).
    :return: ``(job, created)``.
    """
    spec = kinds()[kind]
    if key is not None and (found := active_by_key(key)) is not None:
        return found, False
    job = Job(kind=kind, args=dict(args or {}), key=key, max_attempts=spec.max_attempts, state=JobState.QUEUED,
              requested_by_id=requested_by.id if requested_by is not None else None,
              company_id=company.id if company is not None else None, run_after=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(job)
    except IntegrityError:
        found = active_by_key(key)
        if found is None:
            raise
        return found, False
    return job, True


def _due(now):
    return or_(and_(Job.state == JobState.QUEUED, Job.run_after <= now),
               and_(Job.state == JobState.RUNNING, Job.locked_until <= now))


def claim(worker, now=None):
    """Take the next due job (or one whose worker's lease ran out) for *worker*; commit.

    :return: the claimed Job, its ``attempts`` counting this try, or None.
    """
    now = now or utcnow()
    table = Job.__table__
    candidate = (select(table.c.id).where(_due(now)).order_by(table.c.run_after, table.c.id).limit(1)
                 .with_for_update(skip_locked=True).scalar_subquery())
    taken = db.session.execute(
        update(table).where(table.c.id == candidate, _due(now))
        .values(state=JobState.RUNNING, locked_by=worker, locked_until=now + _lease(), attempts=table.c.attempts + 1,
                started_at=now, progress=0)
        .returning(table.c.id)).scalar()
    db.session.commit()
    return db.session.get(Job, taken) if taken is not None else None


def _mine(job_id, worker):
    return (Job.id == job_id) & (Job.locked_by == worker) & (Job.state == JobState.RUNNING)


def report_progress(job_id, worker, percent):
    """Record *percent* done and renew the lease; commit. Raise :class:`LeaseLost` if the job is no longer ours."""
    changed = db.session.execute(update(Job.__table__).where(_mine(job_id, worker)).values(
        progress=max(0, min(100, int(percent))), locked_until=utcnow() + _lease())).rowcount
    db.session.commit()
    if not changed:
        raise LeaseLost(job_id)


def finish(job, worker, path="", result=None):
    """Mark *job* done with its file; commit. Return False when another worker had taken it over."""
    values = dict(state=JobState.DONE, progress=100, finished_at=utcnow(), locked_by=None, locked_until=None,
                  result_path=path, error="")
    if result is not None:
        values.update(result_name=result.filename, result_type=result.content_type, covers=list(result.covers))
    if not kinds()[job.kind].scheduled:
        values["key"] = None  # asking again after this one ended prepares a fresh file
    changed = db.session.execute(update(Job.__table__).where(_mine(job.id, worker)).values(**values)).rowcount
    db.session.commit()
    return bool(changed)


def fail(job, worker, error, now=None):
    """Record a failed try: queue it again after a back-off, or mark it failed after its last try; commit.

    :return: the job's new state, or None when another worker had taken it over.
    """
    now = now or utcnow()
    values = dict(locked_by=None, locked_until=None, error=str(error)[:ERROR_CHARS], progress=0)
    if policy.will_retry(job.attempts, job.max_attempts):
        delay = policy.backoff(job.attempts, current_app.config["JOBS_BACKOFF_SECONDS"])
        values.update(state=JobState.QUEUED, run_after=now + delay)
    else:
        values.update(state=JobState.FAILED, finished_at=now)
        spec = kinds().get(job.kind)
        if spec is None or not spec.scheduled:
            values["key"] = None
    changed = db.session.execute(update(Job.__table__).where(_mine(job.id, worker)).values(**values)).rowcount
    db.session.commit()
    return values["state"] if changed else None
