"""The rule that keeps a peer median from giving back one company's value (hand-computed)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aluqsec.privacy.anonymity import median, others_identical, rounded, safe_median, steered_by_one


@pytest.mark.parametrize("value, expected", [
    (2.0, 2.0), (2.1, 2.0), (2.24, 2.0), (2.25, 2.5), (2.6, 2.5), (2.75, 3.0), (4.9, 5.0), (0.2, 0.0),
])
def test_rounded_to_half_points_half_up(value, expected):
    assert rounded(value) == expected


@pytest.mark.parametrize("values, expected", [
    # the attack of issue 13: 2 fakes at 0, 2 at 5, the target in the middle
    ([0.0, 0.0, 2.1, 5.0, 5.0], None),
    ([0.0, 0.0, 3.6, 5.0, 5.0], None),
    # fewer than 5 companies
    ([2.0, 2.1, 2.2, 2.3], None),
    # a tight group: removing any one moves the median by at most 0.5
    # 1 2 2 2 3 4 -> median (2+2)/2 = 2.0; worst case: the 1 or a 2 pushed to 5 -> 2.5 (0.5, allowed)
    ([1.0, 2.0, 2.0, 2.0, 3.0, 4.0], 2.0),
    # 1.2 2.0 2.1 2.4 3.5 -> median 2.1, rounded 2.0; the 2.1 only moves it within [2.0, 2.4]
    ([1.2, 2.0, 2.1, 2.4, 3.5], 2.0),
    # five spread-out companies: the middle one alone moves the median from 2 to 4
    ([1.0, 2.0, 3.0, 4.0, 4.5], None),
    # all the others share one value: 3 3 3 3 4.5
    ([3.0, 3.0, 3.0, 3.0, 4.5], None),
    ([2.0, 2.0, 2.0, 2.0, 2.0], None),
])
def test_safe_median(values, expected):
    assert safe_median(values) == expected


def test_plain_median_would_give_the_target_back():
    # why the rule exists: without it, 4 fakes make the median equal the target's own score
    for target in (2.1, 1.6, 3.6, 3.0):
        assert median([0.0, 0.0, target, 5.0, 5.0]) == target
        assert safe_median([0.0, 0.0, target, 5.0, 5.0]) is None


@pytest.mark.parametrize("values, expected", [
    ([0.0, 0.0, 2.1, 5.0, 5.0], True),
    ([2.0, 2.0, 2.0, 3.0, 3.0, 3.0], False),  # 2 2 2 3 3 3: any one moves it from 2.5 to 2.5±0.5 at most
    ([1.0, 2.0, 3.0, 4.0, 4.5], True),
])
def test_steered_by_one(values, expected):
    assert steered_by_one(values) is expected


@pytest.mark.parametrize("values, expected", [
    ([3.0, 3.0, 3.0, 3.0, 4.5], True),
    ([3.0, 3.0, 3.0, 4.5, 4.5], False),
    ([1.0, 2.0, 3.0], False),
    ([2.0, 2.0], True),
])
def test_others_identical(values, expected):
    assert others_identical(values) is expected


# Input generation is cheap; the health check only trips when the shared machine is busy.
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
levels = st.floats(min_value=0.0, max_value=5.0, allow_nan=False).map(lambda x: round(x, 2))


@PROPERTY
@given(st.lists(levels, min_size=4, max_size=30), levels)
def test_no_shown_median_follows_any_one_company(others, target):
    """Property: whatever the others, a shown median moves by at most 0.5 (plus rounding) with one company."""
    shown = safe_median([*others, target])
    if shown is None:
        return
    for replacement in (0.0, 5.0):
        exact = median([*others, replacement])
        assert abs(exact - median([*others, target])) <= 0.5 + 1e-9


@PROPERTY
@given(st.lists(levels, min_size=5, max_size=30))
def test_shown_median_is_a_half_point_near_the_true_median(values):
    shown = safe_median(values)
    if shown is not None:
        assert shown * 2 == int(shown * 2)
        assert abs(shown - median(values)) <= 0.25 + 1e-9


def _steered_by_one_checking_everyone(values, step=0.5, scale=(0.0, 5.0)):
    low, high = scale
    return any(median([*values[:i], *values[i + 1:], high]) - median([*values[:i], *values[i + 1:], low]) > step
               for i in range(len(values)))


@PROPERTY
@given(st.lists(st.one_of(levels, st.sampled_from([0.0, 2.5, 5.0])), min_size=0, max_size=40))
def test_checking_the_middle_ranks_says_what_checking_every_company_says(values):
    assert steered_by_one(values) is _steered_by_one_checking_everyone(values)
