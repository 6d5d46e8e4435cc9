"""Geometry of the domain radar chart, drawn as SVG by a template (pure)."""
import math
import textwrap
from dataclasses import dataclass

SIZE = 420
CENTER = SIZE / 2
RADIUS = 140
LEVELS = 5
# Labels are wrapped and the picture is framed around them, so that a phone (390 px) scales the
# chart by about 0.55 rather than 0.45 and its 17-unit labels stay near 9 px tall.
LABEL_SIZE = 17
LINE_HEIGHT = 1.15    # em
WRAP = 16             # characters per label line
CHAR_WIDTH = 0.56     # em, a generous average for sans-serif text (French accents included)
MARGIN = 6


@dataclass(frozen=True)
class Axis:
    label: str
    value: float | None
    end: tuple[float, float]    # the axis tip (level 5)
    point: tuple[float, float]  # where the value sits
    anchor: tuple[float, float]  # where the label goes
    text_anchor: str            # "start", "middle" or "end"
    lines: tuple[str, ...] = ()  # the label wrapped to WRAP characters
    first_dy: float = 0.0       # em offset of the first line from the anchor


def _polar(index, count, fraction):
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(CENTER + RADIUS * fraction * math.cos(angle), 1),
            round(CENTER + RADIUS * fraction * math.sin(angle), 1))


def _first_dy(y, count_lines):
    """Return the first line's offset (em): labels above the chart grow upwards, below it downwards."""
    if y < CENTER - 20:
        return round(-(count_lines - 1) * LINE_HEIGHT, 2)
    if y > CENTER + 20:
        return 0.0
    return round(-(count_lines - 1) * LINE_HEIGHT / 2, 2)


def _extent(axis):
    """Return the label's box ``(left, top, right, bottom)`` in chart units (estimated widths)."""
    x, y = axis.anchor
    width = max(len(line) for line in axis.lines) * CHAR_WIDTH * LABEL_SIZE
    left = {"start": x, "end": x - width, "middle": x - width / 2}[axis.text_anchor]
    top = y + (axis.first_dy - 0.5) * LABEL_SIZE
    bottom = top + len(axis.lines) * LINE_HEIGHT * LABEL_SIZE
    return left, top, left + width, bottom


def radar(values):
    """Place a radar chart of ``[(label, value 0-5 or None)]``.

    :return: dict with ``axes`` (list of Axis), ``rings`` (one polygon point
        string per level 1-5), ``shape`` (the values' polygon points, None
        values drawn at 0), ``size``, ``label_size`` and ``view_box`` (the
        square and every label, framed tightly).
    """
    count = max(len(values), 3)
    axes = []
    for index, (label, value) in enumerate(values):
        x, y = _polar(index, count, 1.12)
        text_anchor = "middle" if abs(x - CENTER) < 20 else ("start" if x > CENTER else "end")
        lines = tuple(textwrap.wrap(label, WRAP, break_long_words=False)) or ("",)
        axes.append(Axis(label, value, _polar(index, count, 1), _polar(index, count, (value or 0) / LEVELS),
                         (x, y), text_anchor, lines, _first_dy(y, len(lines))))
    rings = [" ".join(f"{x},{y}" for x, y in (_polar(i, count, level / LEVELS) for i in range(count)))
             for level in range(1, LEVELS + 1)]
    shape = " ".join(f"{axis.point[0]},{axis.point[1]}" for axis in axes)
    boxes = [_extent(axis) for axis in axes] + [(CENTER - RADIUS, CENTER - RADIUS, CENTER + RADIUS, CENTER + RADIUS)]
    left, top = min(b[0] for b in boxes) - MARGIN, min(b[1] for b in boxes) - MARGIN
    right, bottom = max(b[2] for b in boxes) + MARGIN, max(b[3] for b in boxes) + MARGIN
    view_box = " ".join(str(round(n)) for n in (left, top, right - left, bottom - top))
    return {"axes": axes, "rings": rings, "shape": shape, "size": SIZE, "label_size": LABEL_SIZE,
            "line_height": LINE_HEIGHT, "view_box": view_box}
