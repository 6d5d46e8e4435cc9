"""The period a programme figure covers, read from the query string (``?start=&end=``)."""
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

LONGEST = timedelta(days=366 * 5)
ERRORS = {"format": _l("Enter the dates as YYYY-MM-DD."), "order": _l("The period must end after it starts."),
          "length": _l("Choose a period of five years or less.")}


def read_period(args, today):
    """Return ``(start, end, error)``: the last twelve months by default; *error* is a key of ERRORS or None."""
    default = (today - timedelta(days=364), today)
    try:
        start = date.fromisoformat(args.get("start", "")[:10]) if args.get("start") else default[0]
        end = date.fromisoformat(args.get("end", "")[:10]) if args.get("end") else default[1]
    except ValueError:
        return *default, "format"
    if end < start:
        return *default, "order"
    if end - start > LONGEST:
        return *default, "length"
    return start, end, None
