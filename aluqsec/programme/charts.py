"""Geometry of the programme's bar and line charts, drawn as SVG by templates (pure)."""
import math
from dataclasses import dataclass

COLOURS = ("#0a58ca", "#198754", "#b02a37", "#6f42c1", "#a15c00", "#0f5132")  # 4.5:1 or more on white


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: float
    length: float


def bar_chart(items, width=520, label_width=200, row=24):
    """Place horizontal bars for ``[(label, value)]``; the longest bar fills the width after the labels."""
    top = max((value for _label, value in items), default=0) or 1
    room = width - label_width - 60
    bars = [Bar(label, value, index * row, round(room * value / top, 1)) for index, (label, value) in enumerate(items)]
    return {"bars": bars, "width": width, "height": max(len(items), 1) * row + 4, "label_width": label_width,
            "row": row}


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str  # SVG polyline points; gaps (None values) split nothing, they are skipped


def line_chart(labels, series, top=None, width=640, height=240, padding=(16, 20, 36, 44)):
    """Place one line per ``{name: [value or None per label]}``, x evenly spaced, y from 0 to *top*."""
    pad_top, pad_right, pad_bottom, pad_left = padding
    values = [v for line in series.values() for v in line if v is not None]
    steps = 5 if top == 5 else 4  # maturity: one line per level; counts: whole numbers on four lines
    top = top or steps * math.ceil((max(values, default=0) or 1) / steps)
    plot_width, plot_height = width - pad_left - pad_right, height - pad_top - pad_bottom
    step = plot_width / max(len(labels) - 1, 1)

    def x_of(index):
        return round(pad_left + step * index, 1)

    def y_of(value):
        return round(pad_top + plot_height * (1 - value / top), 1)

    lines = [Series(name, COLOURS[index % len(COLOURS)],
                    " ".join(f"{x_of(i)},{y_of(v)}" for i, v in enumerate(line) if v is not None))
             for index, (name, line) in enumerate(series.items())]
    ticks = [(round(top * k / steps, 2), y_of(top * k / steps)) for k in range(steps + 1)]
    shown = sorted({0, len(labels) - 1, *range(0, len(labels), max(len(labels) // 6, 1))}) if labels else []
    return {"series": lines, "ticks": ticks, "labels": [(labels[i], x_of(i), i) for i in shown],
            "count": len(labels), "plot": (pad_left, pad_top, width - pad_right, height - pad_bottom),
            "width": width, "height": height}
