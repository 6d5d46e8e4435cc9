"""Quick wins on the results page and in the report never repeat "What to fix first"."""
import pytest

from aluqsec.assessments.results import quick_wins


def gaps(*efforts):
    return [{"question": f"q{index}", "effort": effort} for index, effort in enumerate(efforts)]


@pytest.mark.parametrize("efforts, shown, limit, expected", [
    (("low", "low", "high", "low", "low"), 2, 5, ["q3", "q4"]),        # the first two are listed already
    (("low",) * 20, 10, 5, ["q10", "q11", "q12", "q13", "q14"]),     # at most five, in priority order
    (("high", "medium", "low"), 10, 5, []),                            # every gap is already listed
    (("medium", "high", "medium", "low", "high", "low"), 1, 1, ["q3"]),
])
def test_quick_wins_are_low_effort_gaps_after_the_listed_ones(efforts, shown, limit, expected):
    assert [gap["question"] for gap in quick_wins(gaps(*efforts), shown, limit)] == expected
