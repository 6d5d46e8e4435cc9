"""Numbers in the reader's locale: scores, percentages and changes, the same on pages, PDFs and mails."""
from flask_babel import format_decimal, format_percent

DASH = "—"


def score(value, digits=1):
    """Return a maturity score with one decimal in the current locale (``1,5`` in French), or a dash."""
    if value is None:
        return DASH
    return format_decimal(round(float(value), digits), format="0." + "0" * digits if digits else "0")


def percent(value):
    """Return a 0–100 share as a whole percentage in the current locale (``47 %`` in French, ``47%`` in English)."""
    if value is None:
        return DASH
    return format_percent(round(float(value)) / 100)


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
    return DASH if value is None else format_decimal(value, format="#,##0")


FILTERS = {"score": score, "percent": percent, "trend": trend, "number": number}
