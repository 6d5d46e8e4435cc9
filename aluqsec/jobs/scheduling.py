"""Queue the periodic jobs once per period, whichever worker or server gets there first."""
from ..models import utcnow
from . import policy, queue

# (job kind, period): the cron lines of the platform, run by the workers.
SCHEDULE = (
    ("reminders", policy.HOURLY),          # event sessions, journey dates
    ("feedback_requests", policy.DAILY),   # surveys after events
    ("retention_purge", policy.DAILY),     # privacy notice periods, prepared files
    ("programme_figures_refresh", policy.HOURLY),  # the programme page's default period, computed ahead
)


def schedule_due(now=None):
    """Queue each periodic job of *now*'s period unless a worker already did; return the jobs queued now.

    The job's key names its period and is unique, so two workers (or two servers) that
    schedule at the same moment queue it once. The caller commits.
    """
    now = now or utcnow()
    created = []
    for kind, every in SCHEDULE:
        if kind not in queue.kinds():
            continue
        job, new = queue.enqueue(kind, {"period": every}, key=policy.period_key(kind, every, now))
        if new:
            created.append(job)
    return created
