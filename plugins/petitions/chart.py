"""Signatures over time: the geometry of a server-rendered SVG line chart (cumulative) and the
rows of the table that says the same in words. Built from the per-day tally (SignatureDay),
so it costs O(days), never O(signatures)."""

import math
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 640
HEIGHT = 260
LEFT = 64
RIGHT = 24
TOP = 16
BOTTOM = 40
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
Y_TICKS = 4


@dataclass(frozen=True)
class ChartDay:
    """One day with signatures: how many that day and how many in all by its end."""

    day: date
    count: int
    total: int


@dataclass(frozen=True)
class Tick:
    position: float
    value: object
    anchor: str = "middle"


@dataclass(frozen=True)
class SignatureChart:
    days: list
    total: int
    line: str
    points: list
    y_ticks: list
    x_ticks: list
    threshold: int | None = None
    threshold_y: float | None = None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def nice_step(value):
    """The smallest 1, 2 or 5 times a power of ten that is at least `value`."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            return factor * power
    return 10 * power


def _round(value):
    return round(value, 1)


def signature_chart(rows, threshold=None, start=None, end=None):
    """The chart of `rows` ((day, count) pairs in any order) between `start` and `end`
    (dates; by default the first and last day with signatures). `threshold`, when given,
    is drawn as a line. None when there is nothing to draw."""
    tally = sorted((day, count) for day, count in rows if count)
    if not tally:
        return None
    first, last = tally[0][0], tally[-1][0]
    start = min(start or first, first)
    end = max(end or last, last)
    span = max((end - start).days, 1)

    days, total = [], 0
    for day, count in tally:
        total += count
        days.append(ChartDay(day, count, total))

    top_value = max(total, threshold or 0)
    step = nice_step(top_value / Y_TICKS)
    y_max = step * max(1, math.ceil(top_value / step))

    def x(day):
        return _round(LEFT + (day - start).days / span * PLOT_WIDTH)

    def y(value):
        return _round(TOP + PLOT_HEIGHT - value / y_max * PLOT_HEIGHT)

    points = [(x(item.day), y(item.total)) for item in days]
    line = [f"M{x(start)} {y(0)}", *(f"L{px} {py}" for px, py in points)]
    if days[-1].day < end:
        line.append(f"L{x(end)} {y(total)}")

    y_ticks = [Tick(y(value), value) for value in range(0, y_max + 1, step)]
    x_ticks = [Tick(x(start), start, "start")]
    if span >= 14:
        middle = start + timedelta(days=span // 2)
        x_ticks.append(Tick(x(middle), middle))
    if end != start:
        x_ticks.append(Tick(x(end), end, "end"))
    threshold_y = y(threshold) if threshold else None
    return SignatureChart(
        days=days,
        total=total,
        line=" ".join(line),
        points=points,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        threshold=threshold,
        threshold_y=threshold_y,
    )
