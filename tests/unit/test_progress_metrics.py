"""Progress metrics: calendar arithmetic, journey due dates, reminders, benchmark (hand-computed)."""
import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aluqsec.progress.metrics import (
    STAGES,
    BenchmarkRow,
    Due,
    Journey,
    add_months,
    benchmark,
    change_between,
    median,
    next_stage,
    next_steps,
    reminder_dates,
    reminders_due,
)

D = date


# ---------------------------------------------------------------- add_months

@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2024, 5, 15), 0, D(2024, 5, 15)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),   # 2025 is not a leap year: clamp 29 -> 28
    (D(2024, 2, 29), 24, D(2026, 2, 28)),
    (D(2024, 2, 29), 48, D(2028, 2, 29)),   # 2028 is a leap year: the 29th exists
    (D(2023, 1, 31), 1, D(2023, 2, 28)),    # February 2023 has 28 days
    (D(2024, 1, 31), 1, D(2024, 2, 29)),    # February 2024 has 29 days
    (D(2024, 12, 31), 2, D(2025, 2, 28)),   # across the year end: 12 + 2 = month 14 -> 2025-02
    (D(2024, 3, 31), 1, D(2024, 4, 30)),    # April has 30 days
    (D(2024, 11, 30), 3, D(2025, 2, 28)),
    (D(2024, 1, 15), 12, D(2025, 1, 15)),
    (D(2000, 2, 29), 1200, D(2100, 2, 28)),  # 100 years on: 2100 is not a leap year (divisible by 100, not 400)
    (D(2024, 1, 15), -1, D(2023, 12, 15)),  # back across the year start
    (D(2024, 3, 31), -1, D(2024, 2, 29)),
    (D(2025, 3, 31), -13, D(2024, 2, 29)),  # 2025-03 minus 13 months = 2024-02, leap
    (D(2025, 2, 28), -12, D(2024, 2, 28)),  # not 2024-02-29: the day only ever shrinks
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


PROPERTY = settings(max_examples=200, deadline=None)
days = st.dates(min_value=D(1900, 1, 1), max_value=D(9000, 12, 31))


@PROPERTY
@given(days, st.integers(0, 1200))
def test_add_months_never_earlier_and_day_never_larger(day, months):
    moved = add_months(day, months)
    assert moved >= day
    assert moved.day <= day.day
    assert moved.month == (day.month - 1 + months) % 12 + 1


@PROPERTY
@given(days, st.integers(-600, 600), st.integers(-600, 600))
def test_add_months_is_monotone(day, m1, m2):
    m1, m2 = sorted((m1, m2))
    assert add_months(day, m1) <= add_months(day, m2)


@PROPERTY
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(9000, 12, 28)).filter(lambda d: d.day <= 28),
       st.integers(-600, 600))
def test_add_months_round_trips_when_no_clamping(day, months):
    assert add_months(add_months(day, months), -months) == day


# ---------------------------------------------------------------- journeys and next_steps

def journey(certification, stage, certified=None, target=None):
    dates = {"self_assessment": D(2023, 9, 1)}
    if certified is not None:
        dates["certified"] = certified
    return Journey(certification, stage, dates, target)


def test_journey_rejects_unknown_stage_and_is_frozen():
    with pytest.raises(ValueError, match="unknown stage"):
        Journey("cmmc-l1", "done", {}, None)
    item = Journey("cmmc-l1", "certified", {}, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.stage = "remediation"


def test_cybersecure_canada_certified_on_leap_day():
    # 2024-02-29 + 12 months = 2025-02-28 (maintenance); + 24 months = 2026-02-28 (recertification)
    dues = next_steps(journey("cybersecure-canada", "certified", D(2024, 2, 29)), None, D(2024, 6, 1))
    assert dues == [
        Due("maintenance_audit", D(2025, 2, 28), "cybersecure-canada", False),
        Due("recertification", D(2026, 2, 28), "cybersecure-canada", False),
    ]


def test_cybersecure_canada_with_reassessment_and_overdue_flags():
    # last assessment 2024-01-10 + 12 months = 2025-01-10; today 2025-03-01 is after it and after 2025-02-28
    dues = next_steps(journey("cybersecure-canada", "certified", D(2024, 2, 29), target=D(2024, 3, 1)),
                      D(2024, 1, 10), D(2025, 3, 1))
    assert dues == [
        Due("reassessment", D(2025, 1, 10), "cybersecure-canada", True),
        Due("maintenance_audit", D(2025, 2, 28), "cybersecure-canada", True),
        Due("recertification", D(2026, 2, 28), "cybersecure-canada", False),
    ]  # the target no longer counts once certified


def test_due_today_is_not_overdue():
    dues = next_steps(journey("cybersecure-canada", "certified", D(2024, 2, 29)), None, D(2025, 2, 28))
    assert [due.overdue for due in dues] == [False, False]
    dues = next_steps(journey("cybersecure-canada", "certified", D(2024, 2, 29)), None, D(2025, 3, 1))
    assert [due.overdue for due in dues] == [True, False]


def test_cybersecure_canada_not_certified_has_its_target():
    dues = next_steps(journey("cybersecure-canada", "audit_booked", target=D(2025, 9, 30)), None, D(2025, 10, 1))
    assert dues == [Due("target", D(2025, 9, 30), "cybersecure-canada", True)]


def test_a_certified_date_before_the_certified_stage_is_ignored():
    # e.g. a journey restarted for recertification: the current stage decides
    dues = next_steps(journey("cybersecure-canada", "pre_audit", D(2022, 1, 1), D(2025, 6, 30)), None, D(2025, 1, 1))
    assert dues == [Due("target", D(2025, 6, 30), "cybersecure-canada", False)]


def test_cpcsc_annual_self_assessment():
    # 2025-06-15 + 12 months = 2026-06-15
    dues = next_steps(journey("cpcsc-l1", "certified", D(2025, 6, 15)), None, D(2025, 7, 1))
    assert dues == [Due("annual_self_assessment", D(2026, 6, 15), "cpcsc-l1", False)]


def test_cmmc_annual_self_assessment_on_leap_day_with_reassessment():
    # certified 2024-02-29 -> 2025-02-28; last assessment 2024-02-28 -> 2025-02-28 too: same day, sorted by kind
    dues = next_steps(journey("cmmc-l1", "certified", D(2024, 2, 29)), D(2024, 2, 28), D(2025, 3, 1))
    assert dues == [
        Due("annual_self_assessment", D(2025, 2, 28), "cmmc-l1", True),
        Due("reassessment", D(2025, 2, 28), "cmmc-l1", True),
    ]


@pytest.mark.parametrize("certification", ["cpcsc-l1", "cmmc-l1"])
def test_annual_certifications_not_certified(certification):
    # target 2025-12-31; last assessment 2025-03-31 + 12 months = 2026-03-31; today 2025-04-01
    dues = next_steps(journey(certification, "remediation", target=D(2025, 12, 31)), D(2025, 3, 31), D(2025, 4, 1))
    assert dues == [
        Due("target", D(2025, 12, 31), certification, False),
        Due("reassessment", D(2026, 3, 31), certification, False),
    ]


def test_nothing_due_without_target_or_assessment():
    assert next_steps(journey("cmmc-l1", "self_assessment"), None, D(2025, 1, 1)) == []


def test_certified_stage_without_a_date_only_has_the_reassessment():
    dues = next_steps(Journey("cybersecure-canada", "certified", {}, None), D(2024, 1, 31), D(2024, 6, 1))
    # 2024-01-31 + 12 months = 2025-01-31
    assert dues == [Due("reassessment", D(2025, 1, 31), "cybersecure-canada", False)]


def test_other_certification_only_gets_reassessment_and_target():
    certified = next_steps(journey("iso-27001", "certified", D(2024, 1, 1)), D(2024, 5, 31), D(2024, 6, 1))
    assert certified == [Due("reassessment", D(2025, 5, 31), "iso-27001", False)]
    planned = next_steps(journey("iso-27001", "remediation", target=D(2024, 12, 1)), None, D(2024, 6, 1))
    assert planned == [Due("target", D(2024, 12, 1), "iso-27001", False)]


# ---------------------------------------------------------------- next_stage

@pytest.mark.parametrize(("stage", "expected"), [
    ("self_assessment", "remediation"),
    ("remediation", "pre_audit"),
    ("pre_audit", "audit_booked"),
    ("audit_booked", "certified"),
    ("certified", None),
])
def test_next_stage(stage, expected):
    assert next_stage(Journey("cybersecure-canada", stage, {}, None)) == expected


def test_stage_order():
    assert STAGES == ("self_assessment", "remediation", "pre_audit", "audit_booked", "certified")


# ---------------------------------------------------------------- reminders

def test_reminder_dates():
    # 2025-03-01 - 30 days: 28 days back to 2025-02-01, 2 more = 2025-01-30; - 7 days = 2025-02-22
    assert reminder_dates(D(2025, 3, 1)) == [D(2025, 1, 30), D(2025, 2, 22)]
    # leap year: 29 days back to 2024-02-01, 1 more = 2024-01-31
    assert reminder_dates(D(2024, 3, 1)) == [D(2024, 1, 31), D(2024, 2, 23)]
    assert reminder_dates(D(2025, 3, 1), lead_days=(7, 1)) == [D(2025, 2, 22), D(2025, 2, 28)]


DUE = Due("maintenance_audit", D(2025, 3, 1), "cybersecure-canada", False)


@pytest.mark.parametrize(("today", "expected"), [
    (D(2025, 1, 29), []),                         # the day before the 30-day reminder
    (D(2025, 1, 30), [(DUE, 30)]),                # 30 days before
    (D(2025, 2, 10), [(DUE, 30)]),                # a missed day is caught up (the caller skips what it sent)
    (D(2025, 2, 21), [(DUE, 30)]),
    (D(2025, 2, 22), [(DUE, 30), (DUE, 7)]),      # 7 days before
    (D(2025, 3, 1), [(DUE, 30), (DUE, 7)]),       # the due date itself still sends
    (D(2025, 3, 2), []),                          # nothing after the due date
])
def test_reminders_due_windows(today, expected):
    assert reminders_due([DUE], today) == expected


def test_reminders_due_orders_and_skips_past_dues():
    later = Due("recertification", D(2025, 3, 20), "cybersecure-canada", False)
    past = Due("target", D(2025, 2, 1), "cmmc-l1", True)
    # today 2025-02-25: DUE (2025-03-01) is within 7 days; later (2025-03-20) within 30 (from 2025-02-18), not 7
    # (from 2025-03-13); past is over
    assert reminders_due([later, past, DUE], D(2025, 2, 25)) == [(DUE, 30), (DUE, 7), (later, 30)]


def test_reminders_due_custom_leads():
    assert reminders_due([DUE], D(2025, 2, 28), lead_days=(0,)) == []
    assert reminders_due([DUE], D(2025, 3, 1), lead_days=(0,)) == [(DUE, 0)]
    assert reminders_due([DUE], D(2025, 2, 28), lead_days=(1, 14)) == [(DUE, 14), (DUE, 1)]


def test_reminders_due_empty():
    assert reminders_due([], D(2025, 1, 1)) == []


# ---------------------------------------------------------------- median

@pytest.mark.parametrize(("values", "expected"), [
    ([], None),
    ([None, None], None),
    ([3], 3.0),
    ([1, 3, 2], 2.0),                 # odd: sorted 1 2 3, the middle one
    ([4, 1, 3, 2], 2.5),              # even: sorted 1 2 3 4, (2 + 3) / 2
    ([1.5, None, 3.5], 2.5),          # None ignored: (1.5 + 3.5) / 2
    ([5, None, 0, 1], 1.0),           # 0 counts, None does not: sorted 0 1 5
    ([1.5, 2.0], 1.75),
])
def test_median(values, expected):
    assert median(values) == expected


def test_median_of_a_generator():
    assert median(value for value in (3.0, 1.0, 2.0)) == 2.0


# ---------------------------------------------------------------- benchmark

OWN = {"governance": 2.0, "patching": 1.5, "backup": None}
PEERS = [
    {"governance": 1.0, "patching": 4.0, "backup": 2.0},
    {"governance": 3.0, "patching": 2.0, "backup": None},
    {"governance": 4.0, "patching": 1.0},
    {"governance": 5.0, "patching": 5.0, "backup": 3.0, "plant-floor-ot": 1.0},
]


def test_benchmark_four_peers_and_self_make_five():
    assert benchmark(OWN, PEERS) == {
        # 2, 1, 3, 4, 5: the middle company alone moves the median from 2 to 4: hidden
        "governance": BenchmarkRow(2.0, None, 5),
        # 1.5, 4, 2, 1, 5: the 2 alone moves it from 1.5 to 4: hidden
        "patching": BenchmarkRow(1.5, None, 5),
        # only 2 values (2.0, 3.0): too few to show
        "backup": BenchmarkRow(None, None, 2),
        # only 1 value, the company has none
        "plant-floor-ot": BenchmarkRow(None, None, 1),
    }


TIGHT = [{"governance": value} for value in (1.0, 2.0, 2.0, 4.0, 2.0)]


def test_benchmark_shows_a_rounded_median_no_single_company_steers():
    # 3 (own) and 1 2 2 4 2 -> 1 2 2 2 3 4 -> (2 + 2) / 2 = 2.0; any one company moves it by 0.5 at most
    assert benchmark({"governance": 3.0}, TIGHT) == {"governance": BenchmarkRow(3.0, 2.0, 6)}


def test_benchmark_of_a_company_not_verified_counts_only_the_peers():
    # own value (5.0) left out: 1 2 2 2 4 -> median 2.0; no single peer moves it at all
    assert benchmark({"governance": 5.0}, TIGHT, own_counts=False) == {"governance": BenchmarkRow(5.0, 2.0, 5)}
    assert benchmark({"governance": 5.0}, TIGHT[:4], own_counts=False) is None  # 4 peers


def test_benchmark_too_small_group():
    assert benchmark(OWN, PEERS[:3]) is None   # 3 peers + self = 4 < 5
    assert benchmark(OWN, []) is None


def test_benchmark_own_missing_value_still_uses_five_peers():
    peers = [{"backup": value} for value in (2.0, 2.5, 3.0, 3.0, 3.5)]
    # self has no backup value: 5 peer values 2 2.5 3 3 3.5 -> median 3.0, count 5
    assert benchmark({"backup": None}, peers) == {"backup": BenchmarkRow(None, 3.0, 5)}


def test_benchmark_custom_min_group():
    assert benchmark({"a": 1.0}, [{"a": None}], min_group=2) == {"a": BenchmarkRow(1.0, None, 1)}
    assert benchmark({"a": 1.0}, [], min_group=2) is None


# ---------------------------------------------------------------- change_between

def test_change_between():
    first = {"a": 1.0, "b": 2.35, "c": None, "d": 3.0, "f": 0.1}
    second = {"a": 2.5, "b": 1.1, "c": 2.0, "e": 4.0, "f": 0.3}
    changes = change_between(first, second)
    assert changes == {
        "a": 1.5,     # 2.5 - 1.0
        "b": -1.25,   # 1.1 - 2.35
        "c": None,    # no first value
        "d": None,    # missing from the second
        "f": 0.2,     # 0.3 - 0.1 = 0.19999999999999998, rounded
        "e": None,    # missing from the first
    }
    assert list(changes) == ["a", "b", "c", "d", "f", "e"]


def test_change_between_empty():
    assert change_between({}, {}) == {}
