"""When a job runs again, and which period a scheduled job belongs to (pure: no Flask, no database)."""
from datetime import UTC, timedelta

HOURLY, DAILY = "hourly", "daily"


def backoff(attempts, base_seconds, cap_seconds=3600):
    """Return how long to wait before the next try of a job that failed *attempts* times.

    Doubles from *base_seconds* after the first failure (base, 2·base, 4·base, ...) and never
    exceeds *cap_seconds*, so that a failing job neither hammers a broken service nor waits for days.
    :param attempts: how many times the job ran and failed (1 or more).
    :return: a ``timedelta``.
    """
    if attempts < 1:
        raise ValueError("backoff is for jobs that failed at least once")
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** (attempts - 1)))


def will_retry(attempts, max_attempts):
    """Return True when a job that failed its *attempts*-th time gets another try."""
    return attempts < max_attempts


def period_key(name, every, now):
    """Return the unique key of scheduled job *name* for the period *now* falls in.

    The key names the period (``reminders:2026-12-02T14`` for an hourly job, ``purge:2026-12-02``
    for a daily one, in UTC): every worker and every server computes the same key in the same
    period, and the database accepts it once.
    :param every: ``HOURLY`` or ``DAILY``.
    :param now: a timezone-aware datetime.
    """
    moment = now.astimezone(UTC)
    if every == HOURLY:
        return f"{name}:{moment:%Y-%m-%dT%H}"
    if every == DAILY:
        return f"{name}:{moment:%Y-%m-%d}"
    raise ValueError(f"unknown period {every!r}")

