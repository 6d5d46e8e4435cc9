"""The programme's figures as stored JSON and back (pure: no Flask, no database).

:func:`~.dashboard.programme_dashboard` returns dates, tuples and :class:`~.impact.Uplift`
rows; a stored snapshot keeps them as plain JSON and gives them back as they were.
"""
from datetime import date

from .impact import Group, Uplift


def dump(data):
    """Return the dashboard's *data* as JSON-ready values."""
    return {
        "start": data["start"].isoformat(), "end": data["end"].isoformat(),
        "days": [day.isoformat() for day in data["days"]],
        "quarters": [day.isoformat() for day in data["quarters"]],
        "reach": data["reach"], "maturity": data["maturity"],
        "participation": {grouping: [list(row) for row in rows] for grouping, rows in data["participation"].items()},
        "uplift": [{"topic": row.topic, "attendees": [row.attendees.companies, row.attendees.change],
                    "others": [row.others.companies, row.others.change]} for row in data["uplift"]],
        "companies": data["companies"], "feedback": data["feedback"],
    }


def load(stored):
    """Return the dashboard's data from what :func:`dump` stored."""
    return {
        "start": date.fromisoformat(stored["start"]), "end": date.fromisoformat(stored["end"]),
        "days": [date.fromisoformat(day) for day in stored["days"]],
        "quarters": [date.fromisoformat(day) for day in stored["quarters"]],
        "reach": stored["reach"], "maturity": stored["maturity"],
        "participation": {grouping: [tuple(row) for row in rows] for grouping, rows in stored["participation"].items()},
        "uplift": [Uplift(row["topic"], Group(*row["attendees"]), Group(*row["others"])) for row in stored["uplift"]],
        "companies": stored["companies"], "feedback": stored["feedback"],
    }
