"""Back-off between tries, the last try, and the keys of periodic jobs (hand-computed tables)."""
from datetime import UTC, datetime, timedelta, timezone

import pytest

from aluqsec.jobs.policy import DAILY, HOURLY, backoff, period_key, will_retry


@pytest.mark.parametrize(("attempts", "base", "cap", "seconds"), [
    (1, 30, 3600, 30),
    (2, 30, 3600, 60),
    (3, 30, 3600, 120),
    (7, 30, 3600, 1920),
    (8, 30, 3600, 3600),   # 3840 capped
    (20, 30, 3600, 3600),
    (4, 0, 3600, 0),       # tests: no wait
])
def test_backoff_doubles_from_the_base_up_to_the_cap(attempts, base, cap, seconds):
    assert backoff(attempts, base, cap) == timedelta(seconds=seconds)


def test_backoff_is_for_failed_tries_only():
    with pytest.raises(ValueError):
        backoff(0, 30)


@pytest.mark.parametrize(("attempts", "max_attempts", "again"), [(1, 3, True), (2, 3, True), (3, 3, False),
                                                                  (1, 1, False), (4, 3, False)])
def test_a_job_gets_max_attempts_tries_in_all(attempts, max_attempts, again):
    assert will_retry(attempts, max_attempts) is again


MONTREAL_WINTER = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(("now", "every", "key"), [
    (datetime(2026, 12, 2, 14, 0, tzinfo=UTC), HOURLY, "reminders:2026-12-02T14"),
    (datetime(2026, 12, 2, 14, 59, 59, tzinfo=UTC), HOURLY, "reminders:2026-12-02T14"),
    (datetime(2026, 12, 2, 15, 0, tzinfo=UTC), HOURLY, "reminders:2026-12-02T15"),
    # 21:30 in Montreal is 02:30 UTC the next day: every server computes the same key.
    (datetime(2026, 12, 2, 21, 30, tzinfo=MONTREAL_WINTER), HOURLY, "reminders:2026-12-03T02"),
    (datetime(2026, 12, 2, 21, 30, tzinfo=MONTREAL_WINTER), DAILY, "reminders:2026-12-03"),
    (datetime(2026, 12, 31, 23, 59, tzinfo=UTC), DAILY, "reminders:2026-12-31"),
])
def test_period_key_names_the_utc_period(now, every, key):
    assert period_key("reminders", every, now) == key


def test_period_key_refuses_an_unknown_period():
    with pytest.raises(ValueError):
        period_key("reminders", "weekly", datetime(2026, 12, 2, tzinfo=UTC))

