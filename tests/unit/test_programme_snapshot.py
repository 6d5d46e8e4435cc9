"""Stored programme figures read back exactly as they were computed."""
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from aluqsec.programme.impact import Group, Uplift
from aluqsec.programme.snapshot import dump, load

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
figure = st.one_of(st.none(), st.floats(min_value=-5, max_value=5, allow_nan=False))
groups = st.builds(Group, st.integers(0, 2000), figure)


@given(start=days, length=st.integers(0, 900), counts=st.lists(st.integers(0, 2000), max_size=5),
       maturity=st.dictionaries(st.sampled_from(["backup-recovery", "patching", "mfa"]), st.lists(figure, max_size=5)),
       uplift=st.lists(st.builds(Uplift, st.sampled_from(["backup-recovery", "patching"]), groups, groups),
                       max_size=3),
       rows=st.lists(st.tuples(st.sampled_from(["", "02", "circle"]), st.integers(0, 50), st.integers(0, 90)),
                     max_size=4),
       mean=figure)
def test_dump_then_load_gives_the_same_figures(start, length, counts, maturity, uplift, rows, mean):
    data = {"start": start, "end": start + timedelta(days=length), "days": [start, start + timedelta(days=length)],
            "quarters": [start], "reach": {"registered": counts, "cmmc-l1": counts}, "maturity": maturity,
            "participation": {"kind": rows, "region": rows, "sector": []}, "uplift": uplift, "companies": len(counts),
            "feedback": {"answers": len(rows), "mean": mean}}
    import json
    assert load(json.loads(json.dumps(dump(data)))) == data
