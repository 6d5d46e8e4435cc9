"""Geometry of the domain radar chart, drawn as SVG by a template (pure)."""
import math
from dataclasses import dataclass

SIZE = 420
CENTER = SIZE / 2
RADIUS = 140
LEVELS = 5


@dataclass(frozen=True)
class Axis:
    label: str
    value: float | None
    end: tuple[float, float]    # the axis tip (level 5)
    point: tuple[float, float]  # where the value sits
    anchor: tuple[float, float]  # where the label goes
    text_anchor: str            # "start", "middle" or "end"


def _polar(index, count, fraction):
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTER + RADIUS * fraction * math.cos(angle), 1),
            round(CENTER + RADIUS * fraction * math.sin(angle), 1))


def radar(values):
    """Place a radar chart of ``[(label, value 0-5 or None)]``.

    :return: dict with ``axes`` (list of Axis), ``rings`` (one polygon point
        string per level 1-5), ``shape`` (the values' polygon points, None
        values drawn at 0) and ``size``.
    """
    count = max(len(values), 3)
    axes = []
    for index, (label, value) in enumerate(values):
        x, y = _polar(index, count, 1.18)
        text_anchor = "middle" if abs(x - CENTER) < 20 else ("start" if x > CENTER else "end")
        axes.append(Axis(label, value, _polar(index, count, 1), _polar(index, count, (value or 0) / LEVELS),
                         (x, y), text_anchor))
    rings = [" ".join(f"{x},{y}" for x, y in (_polar(i, count, level / LEVELS) for i in range(count)))
             for level in range(1, LEVELS + 1)]
    shape = " ".join(f"{axis.point[0]},{axis.point[1]}" for axis in axes)
    return {"axes": axes, "rings": rings, "shape": shape, "size": SIZE}
