"""Geometry of the maturity-over-time line chart, drawn as SVG by a template (pure)."""
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

LEVELS = 5
PADDING = (20, 24, 40, 40)  # top, right, bottom, left: room for the axis labels
MAX_X_LABELS = 6


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str          # the date, ISO format (the template formats it)
    value: float


@dataclass(frozen=True)
class Tick:
    label: str          # ISO date on the x axis, the level on the y axis
    position: float     # x for an x-axis label, y for a y-axis tick


def _spread(count, limit):
    """Indexes of at most ``limit`` of ``count`` items, evenly spread, first and last kept."""
    limit = max(limit, 2)
    if count <= limit:
        return list(range(count))
    return sorted({round(i * (count - 1) / (limit - 1)) for i in range(limit)})


def line_chart(points: Sequence[tuple[date, float | None]], width: int = 640, height: int = 260,
               padding: tuple[int, int, int, int] = PADDING, max_x_labels: int = MAX_X_LABELS) -> dict:
    """Place a line chart of ``[(date, maturity 0-5 or None)]``.

    Points with a None value are skipped; the others are sorted by date and
    x is proportional to time between the first and the last date (a single
    date is centred). Values are clamped to 0-5.

    :return: dict with ``points`` (list of Point), ``polyline`` (their SVG
        points string, empty when none), ``y_ticks`` (Tick per level 0-5),
        ``x_labels`` (Tick per date, at most ``max_x_labels``, evenly spread),
        ``plot`` (left, top, right, bottom of the plotting area), ``width``
        and ``height``.
    """
    top, right, bottom, left = padding
    plot_width, plot_height = width - left - right, height - top - bottom
    drawn = sorted((day, min(max(float(value), 0.0), LEVELS)) for day, value in points if value is not None)

    def y_of(value):
        return round(top + plot_height * (1 - value / LEVELS), 1)

    first = drawn[0][0] if drawn else None
    span = (drawn[-1][0] - first).days if drawn else 0
    placed = []
    for day, value in drawn:
        fraction = (day - first).days / span if span else 0.5
        placed.append(Point(round(left + plot_width * fraction, 1), y_of(value), day.isoformat(), value))
    dates = list(dict.fromkeys((point.label, point.x) for point in placed))
    return {
        "points": placed,
        "polyline": " ".join(f"{point.x},{point.y}" for point in placed),
        "y_ticks": [Tick(str(level), y_of(level)) for level in range(LEVELS + 1)],
        "x_labels": [Tick(*dates[i]) for i in _spread(len(dates), max_x_labels)],
        "plot": (left, top, width - right, height - bottom),
        "width": width,
        "height": height,
    }
