"""Scores, percentages and changes read the way each language writes numbers."""
import pytest
from flask_babel import force_locale

from aluqsec.formatting import percent, score, trend


@pytest.mark.parametrize(("value", "fr", "en"), [
    (1.5, "1,5", "1.5"),
    (0, "0,0", "0.0"),
    (2.25, "2,2", "2.2"),  # 2.25 is stored as 2.2499…: rounds down in both languages
    (3.96, "4,0", "4.0"),
    (None, "—", "—"),
])
def test_score_has_one_decimal_in_the_reader_s_language(app_context, value, fr, en):
    with force_locale("fr"):
        assert score(value) == fr
    with force_locale("en"):
        assert score(value) == en


@pytest.mark.parametrize(("value", "fr", "en"), [
    (47, "47\u00a0%", "47%"),
    (46.6, "47\u00a0%", "47%"),
    (0, "0\u00a0%", "0%"),
    (100, "100\u00a0%", "100%"),
])
def test_percent_follows_the_locale(app_context, value, fr, en):
    with force_locale("fr"):
        assert percent(value) == fr
    with force_locale("en"):
        assert percent(value) == en


@pytest.mark.parametrize(("value", "fr", "en"), [
    (0.26, "+0,3", "+0.3"),
    (-0.2, "\u22120,2", "\u22120.2"),
    (-0.04, "=", "="),  # never "-0.0"
    (0.0, "=", "="),
    (None, "—", "—"),
])
def test_trend_has_a_sign_and_never_shows_minus_zero(app_context, value, fr, en):
    with force_locale("fr"):
        assert trend(value) == fr
    with force_locale("en"):
        assert trend(value) == en


@pytest.mark.parametrize(("value", "fr", "en"), [(1734, "1\u202f734", "1,734"), (0, "0", "0")])
def test_numbers_use_the_locale_s_thousands_separator(app_context, value, fr, en):
    from aluqsec.formatting import number

    with force_locale("fr"):
        assert number(value) == fr
    with force_locale("en"):
        assert number(value) == en
