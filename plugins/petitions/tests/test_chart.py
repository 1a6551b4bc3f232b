"""The chart's geometry: a cumulative line from the per-day tally, scaled to fit."""

from datetime import date, timedelta

from plugins.petitions.chart import HEIGHT, LEFT, TOP, WIDTH, nice_step, signature_chart


def test_nothing_to_draw_without_signatures():
    assert signature_chart([]) is None
    assert signature_chart([(date(2026, 5, 1), 0)]) is None


def test_the_line_is_cumulative_and_the_table_adds_up():
    first = date(2026, 5, 1)
    rows = [(first + timedelta(days=2), 5), (first, 10), (first + timedelta(days=1), 0)]
    chart = signature_chart(rows, threshold=100, start=first, end=first + timedelta(days=9))
    assert [(d.day, d.count, d.total) for d in chart.days] == [
        (first, 10, 10),
        (first + timedelta(days=2), 5, 15),
    ]
    assert chart.total == 15
    # Starts at zero on the first day, ends at the total on the last day shown.
    assert chart.line.startswith(f"M{float(LEFT)} {float(chart.bottom)}")
    last_x, last_y = chart.line.split("L")[-1].split()
    assert float(last_x) == chart.right
    assert float(last_y) == chart.points[-1][1]
    # Higher totals are drawn higher; the threshold is above a total that has not reached it.
    assert chart.points[1][1] < chart.points[0][1]
    assert chart.threshold_y < chart.points[-1][1]
    assert chart.y_ticks[0].value == 0 and chart.y_ticks[-1].value >= 100
    assert all(TOP <= tick.position <= HEIGHT for tick in chart.y_ticks)
    assert all(LEFT <= point[0] <= WIDTH for point in chart.points)


def test_one_day_and_large_numbers_fit():
    chart = signature_chart([(date(2026, 1, 1), 100_000)], threshold=1000)
    assert chart.total == 100_000
    assert chart.y_ticks[-1].value >= 100_000
    assert chart.points[0][1] >= TOP


def test_nice_steps():
    assert [nice_step(v) for v in (0.3, 1, 3, 7, 12, 250, 2600)] == [1, 1, 5, 10, 20, 500, 5000]
