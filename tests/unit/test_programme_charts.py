"""Chart geometry: whole-number ticks for counts, one tick per level for maturity, gaps skipped."""
from aluqsec.programme.charts import bar_chart, line_chart


def test_counts_get_whole_number_ticks_and_maturity_one_per_level():
    counts = line_chart(["a", "b", "c"], {"registered": [3, 10, 19]})
    assert [value for value, _y in counts["ticks"]] == [0, 5, 10, 15, 20]
    maturity = line_chart(["a", "b"], {"x": [1.0, 2.5]}, top=5)
    assert [value for value, _y in maturity["ticks"]] == [0, 1, 2, 3, 4, 5]


def test_missing_values_are_skipped_and_points_stay_in_the_plot():
    chart = line_chart(["a", "b", "c"], {"x": [None, 2.0, 4.0]}, top=5, width=200, height=100,
                       padding=(10, 10, 10, 20))
    points = [tuple(map(float, p.split(","))) for p in chart["series"][0].points.split()]
    assert points == [(105.0, 58.0), (190.0, 26.0)]  # x: 20 + 85 * index; y: 10 + 80 * (1 - v / 5)


def test_bars_scale_to_the_longest():
    chart = bar_chart([("Cercles", 8), ("Webinaires", 2)], width=460, label_width=200)
    assert [(bar.label, bar.length) for bar in chart["bars"]] == [("Cercles", 200.0), ("Webinaires", 50.0)]
