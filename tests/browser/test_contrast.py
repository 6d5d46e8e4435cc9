"""The contrast arithmetic the focus checks rely on, against ratios measured by hand."""
import pytest

from .keyboard import contrast, over


@pytest.mark.parametrize("first, second, ratio", [
    ("rgb(0, 0, 0)", "rgb(255, 255, 255)", 21.0),
    ("rgb(220, 53, 69)", "rgb(207, 244, 252)", 3.88),     # the "Decline" on the info alert
    ("rgb(255, 255, 255)", "rgb(10, 75, 176)", 7.94),     # white ring on the navigation
    ("rgb(13, 110, 253)", "rgb(10, 75, 176)", 1.76),      # Bootstrap's glow colour, opaque, on the navigation
])
def test_contrast_matches_hand_computed_ratios(first, second, ratio):
    assert contrast(first, second) == pytest.approx(ratio, abs=0.05)


def test_a_translucent_ring_is_judged_by_what_it_shows_on_the_background():
    # Bootstrap's 25 % glow on white shows as (194.5, 218.75, 254.5), rounded half to even: 1.4:1, far from 3:1.
    assert over("rgba(13, 110, 253, 0.25)", "rgb(255, 255, 255)") == "rgb(194, 219, 254)"
    assert contrast(over("rgba(13, 110, 253, 0.25)", "rgb(255, 255, 255)"), "rgb(255, 255, 255)") < 1.5
