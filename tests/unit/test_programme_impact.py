"""Uplift per topic, on a hand-made table of companies before and after an event."""
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aluqsec.programme.impact import Snapshot, uplift

START, END = date(2026, 1, 1), date(2026, 12, 31)
EVENT = date(2026, 5, 12)  # a backup workshop


def company(company_id, levels, days=("2026-02-01", "2026-09-01"), topic="backup-recovery"):
    return [Snapshot(company_id, date.fromisoformat(day), {topic: level}) for day, level in zip(days, levels,
                                                                                                 strict=True)]


# Attendees 1-5 (before -> after): +1.0, +2.0, +0.5, +1.5, +0  -> mean 1.0
# Others 11-15 (first -> last in the period): +0.5, 0, +0.5, -0.5, +0.5  -> mean 0.2
ATTENDEES = {1: (1.0, 2.0), 2: (0.5, 2.5), 3: (2.0, 2.5), 4: (1.0, 2.5), 5: (3.0, 3.0)}
OTHERS = {11: (1.0, 1.5), 12: (2.0, 2.0), 13: (1.5, 2.0), 14: (3.0, 2.5), 15: (0.0, 0.5)}


def table(attendees=ATTENDEES, others=OTHERS):
    snapshots = [s for cid, levels in {**attendees, **others}.items() for s in company(cid, levels)]
    attended = {cid: {"backup-recovery": EVENT} for cid in attendees}
    return snapshots, attended


def test_attendees_improved_more_than_the_others():
    snapshots, attended = table()
    [row] = uplift(snapshots, attended, ["backup-recovery"], START, END)
    assert (row.attendees.companies, row.others.companies) == (5, 5)
    assert row.attendees.change == pytest.approx(1.0)
    assert row.others.change == pytest.approx(0.2)
    assert row.difference == pytest.approx(0.8)


def test_a_group_under_five_companies_shows_no_figure():
    snapshots, attended = table(attendees={k: v for k, v in ATTENDEES.items() if k != 5})
    [row] = uplift(snapshots, attended, ["backup-recovery"], START, END)
    assert row.attendees.companies == 4 and row.attendees.change is None
    assert row.others.change == pytest.approx(0.2) and row.difference is None


def test_before_must_precede_the_event_and_after_follow_it():
    snapshots, attended = table()
    # Company 6 came but has assessments only after the event: no "before", it does not count.
    snapshots += company(6, (1.0, 4.0), days=("2026-06-01", "2026-10-01"))
    attended[6] = {"backup-recovery": EVENT}
    # Company 7 came, but its only assessments are before the event: no "after".
    snapshots += company(7, (1.0, 1.0), days=("2026-02-01", "2026-03-01"))
    attended[7] = {"backup-recovery": EVENT}
    [row] = uplift(snapshots, attended, ["backup-recovery"], START, END)
    assert row.attendees.companies == 5 and row.attendees.change == pytest.approx(1.0)


def test_the_first_assessment_after_and_the_last_before_are_used():
    snapshots, attended = table()
    snapshots += company(1, (0.0, 5.0), days=("2026-01-15", "2026-11-15"))  # older before, later after
    [row] = uplift(snapshots, attended, ["backup-recovery"], START, END)
    assert row.attendees.change == pytest.approx(1.0)  # still 2.0 - 1.0 for company 1


def test_attendance_outside_the_period_makes_a_company_an_other():
    snapshots, attended = table()
    attended[11] = {"backup-recovery": date(2025, 6, 1)}
    [row] = uplift(snapshots, attended, ["backup-recovery"], START, END)
    assert row.others.companies == 5 and row.others.change == pytest.approx(0.2)


def test_other_topics_and_missing_maturities_do_not_count():
    snapshots, attended = table()
    snapshots += company(21, (1.0, None))
    rows = uplift(snapshots, attended, ["backup-recovery", "patching"], START, END)
    assert [r.topic for r in rows] == ["backup-recovery", "patching"]
    assert rows[0].others.companies == 5
    assert (rows[1].attendees.companies, rows[1].others.companies) == (0, 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(0, 20), st.integers(0, 20), st.booleans()),
                min_size=0, max_size=14, unique_by=lambda row: row[0]))
def test_counts_never_exceed_the_companies_and_hidden_groups_have_no_figure(rows):
    snapshots = [s for cid, a, b, _ in rows for s in company(cid, (a / 4, b / 4))]
    attended = {cid: {"backup-recovery": EVENT} for cid, _a, _b, came in rows if came}
    [row] = uplift(snapshots, attended, ["backup-recovery"], START, END)
    assert row.attendees.companies + row.others.companies == len(rows)
    for group in (row.attendees, row.others):
        assert (group.change is None) == (group.companies < 5)
        if group.change is not None:
            assert -5 <= group.change <= 5
