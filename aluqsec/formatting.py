"""Numbers and dates in the reader's locale, the same on pages, PDFs and mails."""
import re
from functools import lru_cache

from babel import numbers
from flask_babel import format_date, format_datetime, get_locale

DASH = "—"

# One date style and one date-and-time style for every page, PDF and mail (CSV keeps ISO dates).
# Times read the way each language writes them: "10:15" in French, "10:15 AM" in English.
_DATETIME = {"fr": "d MMMM y, HH:mm", "en": "MMMM d, y, h:mm a"}
_WEEKDAY_DATETIME = {"fr": "EEEE d MMMM y, HH:mm", "en": "EEEE, MMMM d, y, h:mm a"}
_TIME = {"fr": "HH:mm", "en": "h:mm a"}
# French writes the first day of a month "1er" (CLDR gives "1").
_FIRST_OF_MONTH = re.compile(r"\b1 (?=janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
                             r"|décembre)")


@lru_cache(maxsize=4096)
def _formatted(locale, value, pattern):
    """Format *value* with Babel once per locale, value and pattern: a page repeats the same scores."""
    if pattern == "%":
        return numbers.format_percent(value, locale=locale)
    return numbers.format_decimal(value, format=pattern, locale=locale)


def _locale():
    return str(get_locale() or "fr")


def score(value, digits=1):
    """Return a maturity score with one decimal in the current locale (``1,5`` in French), or a dash."""
    if value is None:
        return DASH
    return _formatted(_locale(), round(float(value), digits), "0." + "0" * digits if digits else "0")


def percent(value):
    """Return a 0–100 share as a whole percentage in the current locale (``47 %`` in French, ``47%`` in English)."""
    if value is None:
        return DASH
    return _formatted(_locale(), round(float(value)) / 100, "%")


def trend(value, digits=1):
    """Return a change with its sign (``+0,3``, ``−0,2``), or ``=`` when it rounds to zero."""
    if value is None:
        return DASH
    rounded = round(float(value), digits)
    if rounded == 0:
        return "="
    text = score(abs(rounded), digits)
    return ("+" if rounded > 0 else "\u2212") + text


def number(value):
    """Return a whole number with the locale's thousands separator (``1 734`` in French, ``1,734`` in English)."""
    return DASH if value is None else _formatted(_locale(), value, "#,##0")


def _language():
    return "en" if str(get_locale() or "fr").startswith("en") else "fr"


def _french_first(text):
    return _FIRST_OF_MONTH.sub("1er ", text) if _language() == "fr" else text


def date_text(value):
    """Return a date as ``30 novembre 2026`` / ``November 30, 2026`` (Montreal day for a datetime), or a dash."""
    return DASH if value is None else _french_first(format_date(value, "long"))


def datetime_text(value, weekday=False):
    """Return a date and time in Montreal as ``30 novembre 2026, 10:15`` / ``November 30, 2026, 10:15 AM``.

    *weekday* prefixes the day's name, for events people put in their calendar.
    """
    if value is None:
        return DASH
    return _french_first(format_datetime(value, (_WEEKDAY_DATETIME if weekday else _DATETIME)[_language()]))


def time_text(value):
    """Return the Montreal time of a datetime as ``10:15`` / ``10:15 AM`` (the end of an event)."""
    return DASH if value is None else format_datetime(value, _TIME[_language()])


FILTERS = {"score": score, "percent": percent, "trend": trend, "number": number,
           "date": date_text, "datetime": datetime_text, "time": time_text}
