"""Programme figures worked out by hand: months, reach, participation, medians over time."""
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from aluqsec.programme.figures import CompanyDates, maturity_over_time, month_ends, participation, reach
from aluqsec.programme.impact import Snapshot


def test_month_ends_cover_the_period_and_stop_at_its_end():
    assert month_ends(date(2026, 11, 15), date(2027, 2, 10)) == [
        date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 10)]
    assert month_ends(date(2024, 2, 1), date(2024, 2, 29)) == [date(2024, 2, 29)]


def test_reach_counts_companies_by_the_end_of_each_month():
    companies = [
        CompanyDates(1, date(2026, 1, 5), date(2026, 1, 20), date(2026, 3, 2), (("cpcsc-l1", date(2026, 3, 30)),)),
        CompanyDates(2, date(2026, 2, 1), date(2026, 3, 1), None, ()),
        CompanyDates(3, date(2026, 3, 31), None, None, ()),
    ]
    days = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert reach(companies, days, ["cpcsc-l1", "cmmc-l1"]) == {
        "registered": [1, 2, 3], "assessed": [1, 1, 2], "reviewed": [0, 0, 1],
        "cpcsc-l1": [0, 0, 1], "cmmc-l1": [0, 0, 0]}


def test_a_company_assessed_before_its_recorded_registration_counts_as_registered_by_then():
    # An account imported or back-dated after its first assessment: the funnel still holds.
    companies = [CompanyDates(1, date(2026, 3, 15), date(2026, 1, 20), date(2026, 2, 2), ()),
                 CompanyDates(2, date(2026, 1, 3), None, None, ())]
    days = [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]
    assert reach(companies, days, []) == {"registered": [2, 2, 2], "assessed": [1, 1, 1], "reviewed": [0, 1, 1]}


_day = st.one_of(st.none(), st.integers(0, 120).map(lambda n: date(2026, 1, 1) + timedelta(days=n)))


@given(st.lists(st.tuples(st.integers(0, 120), _day, _day), max_size=12))
def test_reach_never_counts_more_at_a_later_step_than_at_an_earlier_one(rows):
    companies = [CompanyDates(n, date(2026, 1, 1) + timedelta(days=r), a, v, ()) for n, (r, a, v) in enumerate(rows)]
    days = month_ends(date(2026, 1, 1), date(2026, 5, 31))
    series = reach(companies, days, [])
    for index in range(len(days)):
        assert series["registered"][index] >= series["assessed"][index] >= series["reviewed"][index]


def test_participation_counts_distinct_companies_and_people():
    rows = [(1, 10, "circle", "02", "transformation"), (1, 10, "circle", "02", "transformation"),  # 2 sessions
            (1, 11, "circle", "02", "transformation"), (2, 20, "webinar", None, "aerospace-supplier"),
            (None, 30, "webinar", None, None)]
    result = participation(rows)
    assert result["kind"] == [("circle", 1, 2), ("webinar", 1, 2)]
    assert result["region"] == [("", 1, 2), ("02", 1, 2)]
    assert result["sector"] == [("transformation", 1, 2), ("", 0, 1), ("aerospace-supplier", 1, 1)]


def test_medians_over_time_use_each_company_s_latest_assessment_and_hide_small_groups():
    january = (2, 3, 3, 3, 3, 3, 3, 3, 4)  # median 3; no single company steers it
    snapshots = [Snapshot(n, date(2026, 1, 10), {"patching": level}) for n, level in enumerate(january)]
    snapshots += [Snapshot(n, date(2026, 2, 10), {"patching": 4.0}) for n in range(5)]  # five companies reach 4
    days = [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)]
    # February: 3 3 3 4 4 4 4 4 4 -> 4.0
    assert maturity_over_time(snapshots, ["patching"], days) == {"patching": [None, 3.0, 4.0]}
    four = [s for s in snapshots if s.company_id < 4]
    assert maturity_over_time(four, ["patching"], days) == {"patching": [None, None, None]}
