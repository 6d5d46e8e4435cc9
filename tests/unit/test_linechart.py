"""Line chart geometry (hand-computed).

Default box: 640 x 260, padding top 20, right 24, bottom 40, left 40, so the
plot is 576 wide (640 - 24 - 40) and 200 high (260 - 20 - 40):
x = 40 + 576 * (days since first / days spanned), y = 20 + 200 * (1 - v / 5) = 220 - 40 v.
"""
from datetime import date

from aluqsec.progress.linechart import Point, Tick, line_chart

D = date


def test_three_points_proportional_to_time():
    chart = line_chart([
        (D(2024, 1, 31), 4.25),
        (D(2024, 1, 1), 1.0),
        (D(2024, 1, 11), 2.5),   # given out of order: sorted by date
    ])
    # span 30 days: 2024-01-11 is 10 days in -> 40 + 576 * 10 / 30 = 232.0
    assert chart["points"] == [
        Point(40.0, 180.0, "2024-01-01", 1.0),    # y = 220 - 40 * 1
        Point(232.0, 120.0, "2024-01-11", 2.5),   # y = 220 - 40 * 2.5
        Point(616.0, 50.0, "2024-01-31", 4.25),   # x = 40 + 576; y = 220 - 40 * 4.25
    ]
    assert chart["polyline"] == "40.0,180.0 232.0,120.0 616.0,50.0"
    assert chart["x_labels"] == [Tick("2024-01-01", 40.0), Tick("2024-01-11", 232.0), Tick("2024-01-31", 616.0)]
    assert chart["plot"] == (40, 20, 616, 220)
    assert (chart["width"], chart["height"]) == (640, 260)


def test_two_points_over_a_leap_year():
    chart = line_chart([(D(2024, 1, 1), 0.0), (D(2024, 7, 1), 3.0), (D(2025, 1, 1), 5.0)])
    # 2024 has 366 days; 2024-07-01 is day 182: 40 + 576 * 182 / 366 = 40 + 286.43 = 326.4
    assert [(p.x, p.y) for p in chart["points"]] == [(40.0, 220.0), (326.4, 100.0), (616.0, 20.0)]


def test_y_ticks():
    assert line_chart([])["y_ticks"] == [
        Tick("0", 220.0), Tick("1", 180.0), Tick("2", 140.0), Tick("3", 100.0), Tick("4", 60.0), Tick("5", 20.0),
    ]


def test_single_point_is_centred():
    chart = line_chart([(D(2025, 5, 5), 3)])
    # x = 40 + 576 / 2 = 328.0; y = 220 - 40 * 3 = 100.0
    assert chart["points"] == [Point(328.0, 100.0, "2025-05-05", 3.0)]
    assert chart["polyline"] == "328.0,100.0"
    assert chart["x_labels"] == [Tick("2025-05-05", 328.0)]


def test_none_values_are_skipped():
    chart = line_chart([(D(2024, 1, 1), None), (D(2024, 2, 1), 2.0), (D(2024, 3, 1), None), (D(2024, 4, 1), 1.0)])
    # only 2024-02-01 and 2024-04-01 are drawn: they are the ends of the x axis
    assert chart["polyline"] == "40.0,140.0 616.0,180.0"
    assert [tick.label for tick in chart["x_labels"]] == ["2024-02-01", "2024-04-01"]


def test_all_none_or_empty_draws_nothing():
    for points in ([], [(D(2024, 1, 1), None)]):
        chart = line_chart(points)
        assert (chart["points"], chart["polyline"], chart["x_labels"]) == ([], "", [])


def test_values_clamped_to_the_scale():
    chart = line_chart([(D(2024, 1, 1), -1.0), (D(2024, 1, 2), 5.7)])
    assert chart["polyline"] == "40.0,220.0 616.0,20.0"


def test_same_date_twice_is_centred_and_labelled_once():
    chart = line_chart([(D(2024, 1, 1), 1.0), (D(2024, 1, 1), 2.0)])
    assert chart["polyline"] == "328.0,180.0 328.0,140.0"
    assert chart["x_labels"] == [Tick("2024-01-01", 328.0)]


def test_custom_box():
    # plot 180 x 80: x = 10 + 180 * fraction, y = 10 + 80 * (1 - v / 5) = 90 - 16 v
    chart = line_chart([(D(2024, 1, 1), 1.0), (D(2024, 1, 5), 2.5)], width=200, height=100, padding=(10, 10, 10, 10))
    assert chart["polyline"] == "10.0,74.0 190.0,50.0"
    assert chart["plot"] == (10, 10, 190, 90)


def test_x_labels_thinned_evenly():
    chart = line_chart([(D(2024, 1, day), 1.0) for day in range(1, 9)])
    # 8 dates, at most 6 labels: indexes round(i * 7 / 5) for i = 0..5 -> 0, 1, 3, 4, 6, 7
    assert [tick.label for tick in chart["x_labels"]] == [
        "2024-01-01", "2024-01-02", "2024-01-04", "2024-01-05", "2024-01-07", "2024-01-08",
    ]
    assert len(line_chart([(D(2024, 1, day), 1.0) for day in range(1, 9)], max_x_labels=2)["x_labels"]) == 2
