"""Radar geometry: labels wrapped, the picture framed around them (readable once a phone scales it)."""
from aluqsec.assessments.charts import CENTER, LABEL_SIZE, radar

DOMAINS = [("Direction et conformité", 2.0), ("Accès aux systèmes et aux locaux", 1.5),
           ("Appareils et réseau", 3.0), ("Données et supports", None), ("Personnel et incidents", 4.0)]


def _box(chart):
    left, top, width, height = (float(n) for n in chart["view_box"].split())
    return left, top, left + width, top + height


def test_long_labels_wrap_on_word_boundaries():
    axes = radar(DOMAINS)["axes"]
    assert axes[1].lines == ("Accès aux", "systèmes et aux", "locaux")
    assert axes[0].lines == ("Direction et", "conformité")
    assert all(len(line) <= 16 for axis in axes for line in axis.lines)


def test_labels_above_grow_upwards_and_below_downwards():
    axes = radar(DOMAINS)["axes"]
    top = axes[0]  # straight up, two lines: the first sits one line above the anchor
    assert top.anchor[1] < CENTER and top.first_dy == -1.15 and top.text_anchor == "middle"
    below = axes[2]  # lower right: starts at the anchor
    assert below.anchor[1] > CENTER and below.first_dy == 0.0 and below.text_anchor == "start"


def test_view_box_holds_every_label_and_is_narrower_than_before():
    chart = radar(DOMAINS)
    left, top, right, bottom = _box(chart)
    for axis in chart["axes"]:
        x, y = axis.anchor
        assert left < x < right and top < y < bottom
        width = max(len(line) for line in axis.lines) * 0.56 * LABEL_SIZE
        if axis.text_anchor == "end":
            assert x - width >= left
        if axis.text_anchor == "start":
            assert x + width <= right
    # the old frame was 760 units wide for 12-unit labels: 5.6 px on a 358 px column
    assert LABEL_SIZE * 358 / (right - left) >= 9


def test_one_domain_still_draws_a_framed_chart():
    chart = radar([("Gouvernance", 2.5)])
    left, top, right, bottom = _box(chart)
    assert right - left > 0 and bottom - top > 0 and chart["axes"][0].lines == ("Gouvernance",)
