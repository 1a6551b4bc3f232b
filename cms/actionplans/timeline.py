"""A plan's timeline as SVG geometry computed on the server (the template draws it)."""

import datetime
from dataclasses import dataclass, field

WIDTH = 960
LABEL_WIDTH = 120
LANE_HEIGHT = 9
BAR_HEIGHT = 7
ROW_PADDING = 8
TOP = 34
RIGHT_PAD = 12


@dataclass
class Timeline:
    width: int
    height: int
    ticks: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    today_x: float | None = None


def build_timeline(start, end, commitments, today):
    """Ticks per year, one row per commitment with a lane per milestone, and today's line."""
    span = max((end - start).days, 1)
    usable = WIDTH - LABEL_WIDTH - RIGHT_PAD

    def x(day):
        day = min(max(day, start), end)
        return round(LABEL_WIDTH + (day - start).days / span * usable, 1)

    ticks = [{"x": x(start), "label": str(start.year)}]
    for year in range(start.year + 1, end.year + 1):
        ticks.append({"x": x(datetime.date(year, 1, 1)), "label": str(year)})
    rows = []
    y = TOP
    for commitment in commitments:
        bars = []
        for lane, milestone in enumerate(commitment.milestone_list):
            x1 = x(milestone.start_date or milestone.end_date)
            x2 = x(milestone.end_date)
            bars.append(
                {
                    "milestone": milestone,
                    "x": x1,
                    "width": max(round(x2 - x1, 1), 6),
                    "y": y + ROW_PADDING // 2 + lane * LANE_HEIGHT,
                    "height": BAR_HEIGHT,
                }
            )
        height = max(len(bars), 1) * LANE_HEIGHT + ROW_PADDING
        rows.append(
            {"commitment": commitment, "y": y, "height": height, "text_y": y + height // 2 + 4}
        )
        rows[-1]["bars"] = bars
        y += height
    return Timeline(
        width=WIDTH,
        height=y + 8,
        ticks=ticks,
        rows=rows,
        today_x=x(today) if start <= today <= end else None,
    )
