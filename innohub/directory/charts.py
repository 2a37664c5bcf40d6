"""Geometry of a small server-rendered SVG line chart (no JavaScript, no inline styles).

Pure functions: they take dates and counts and return coordinates for a template.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

PALETTE = (
    "#0b4f6c",
    "#f2a541",
    "#2a9d8f",
    "#e76f51",
    "#6d597a",
    "#8ab17d",
    "#b56576",
    "#457b9d",
    "#e9c46a",
    "#264653",
    "#9c6644",
    "#5e548e",
)


@dataclass
class Line:
    key: str
    label: str
    color: str
    points: str
    last: int


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def nice_step(top: int, steps: int = 5) -> int:
    """A round step (1, 2, 5 × 10ⁿ) that divides 0…top into about `steps` parts."""
    if top <= steps:
        return 1
    raw = top / steps
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def line_chart(
    months: list[date],
    series: list[tuple[str, str, list[int]]],
    *,
    width: int = 760,
    height: int = 320,
) -> Chart:
    left, right, top, bottom = 44, width - 12, 12, height - 32
    highest = max((max(values) for _k, _l, values in series if values), default=0)
    step = nice_step(highest)
    ceiling = max(step, math.ceil(highest / step) * step)
    count = len(months)

    def x(index: int) -> float:
        return left + (right - left) * (index / (count - 1) if count > 1 else 0.5)

    def y(value: int) -> float:
        return bottom - (bottom - top) * value / ceiling

    lines = [
        Line(
            key=key,
            label=label,
            color=PALETTE[i % len(PALETTE)],
            points=" ".join(f"{x(j):.1f},{y(v):.1f}" for j, v in enumerate(values)),
            last=values[-1] if values else 0,
        )
        for i, (key, label, values) in enumerate(series)
    ]
    y_ticks = [Tick(y(v), str(v)) for v in range(0, ceiling + 1, step)]
    x_ticks = [
        Tick(x(i), f"{day.year}")
        for i, day in enumerate(months)
        if day.month == 1 or (i == 0 and day.month <= 9)
    ]
    return Chart(width, height, left, right, top, bottom, lines, y_ticks, x_ticks)
