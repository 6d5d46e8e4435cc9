"""Scores, percentages and changes read the way each language writes numbers."""
from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from aluqsec.formatting import date_text, datetime_text, percent, score, time_text, trend


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


NOON_UTC = datetime(2026, 11, 30, 15, 15, tzinfo=UTC)  # 10:15 in Montreal


@pytest.mark.parametrize(("value", "fr", "en"), [
    (date(2026, 11, 30), "30 novembre 2026", "November 30, 2026"),
    (date(2026, 2, 1), "1er février 2026", "February 1, 2026"),  # French writes the first "1er"
    (date(2026, 2, 11), "11 février 2026", "February 11, 2026"),
    (datetime(2026, 12, 1, 3, 0, tzinfo=UTC), "30 novembre 2026", "November 30, 2026"),  # 22:00 in Montreal
    (None, "—", "—"),
])
def test_dates_have_one_long_style_and_the_montreal_day(app_context, value, fr, en):
    with force_locale("fr"):
        assert date_text(value) == fr
    with force_locale("en"):
        assert date_text(value) == en


def test_date_and_time_read_the_way_each_language_writes_them(app_context):
    with force_locale("fr"):
        assert datetime_text(NOON_UTC) == "30 novembre 2026, 10:15"
        assert datetime_text(NOON_UTC, weekday=True) == "lundi 30 novembre 2026, 10:15"
        assert time_text(NOON_UTC) == "10:15"
    with force_locale("en"):
        assert datetime_text(NOON_UTC).replace("\u202f", " ") == "November 30, 2026, 10:15 AM"
        assert datetime_text(NOON_UTC, weekday=True).replace("\u202f", " ") == "Monday, November 30, 2026, 10:15 AM"
        assert time_text(datetime(2026, 11, 30, 19, 45, tzinfo=UTC)).replace("\u202f", " ") == "2:45 PM"
    with force_locale("fr"):
        first = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
        assert datetime_text(first, weekday=True) == "mardi 1er décembre 2026, 09:00"
    assert datetime_text(None) == "—"
