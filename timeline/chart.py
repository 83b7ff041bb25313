"""A small inline SVG of events per month (or per year for long timelines), made at build time.

The chart is plain SVG text with no script and no external resource, so it shows in any theme,
without JavaScript, and two builds of the same timeline give the same bytes. Each bar carries a
``<title>`` (a tooltip and an accessible name) and the whole figure a ``<desc>`` listing the
counts, so the numbers are readable without seeing the bars.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.dates import Granularity
from timeline.model import Event

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Past this many months the bars get too thin to read, so the chart counts years instead.
MAX_MONTH_BARS = 48


@dataclass(frozen=True)
class Bar:
    """One bar: a month (``month`` 1-12) or a whole year (``month`` 0) and its event count."""

    year: int
    month: int
    count: int

    @property
    def label(self) -> str:
        return f"{_MONTH_NAMES[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def short(self) -> str:
        return _MONTHS[self.month - 1] if self.month else str(self.year)


def bars(events: Sequence[Event]) -> tuple[Bar, ...]:
    """Counts per month for events dated to a month or finer, or per year when that would make
    more than :data:`MAX_MONTH_BARS` bars; empty months and years in between get a zero bar so
    gaps in the story show as gaps."""
    monthly = Counter(
        (e.period.start.year, e.period.start.month)
        for e in events
        if e.period.granularity <= Granularity.MONTH
    )
    if monthly:
        first, last = min(monthly), max(monthly)
        span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
        if span <= MAX_MONTH_BARS:
            out = []
            for i in range(span):
                y, m = divmod(first[0] * 12 + first[1] - 1 + i, 12)
                out.append(Bar(y, m + 1, monthly.get((y, m + 1), 0)))
            return tuple(out)
    yearly = Counter(e.period.start.year for e in events if e.period.granularity <= Granularity.YEAR)
    if not yearly:
        return ()
    return tuple(Bar(y, 0, yearly.get(y, 0)) for y in range(min(yearly), max(yearly) + 1))


def events_chart(events: Sequence[Event], *, width: int = 480, height: int = 170) -> str:
    """The SVG markup of the chart ("" when no event can be placed on it)."""
    return bars_chart(bars(events), width=width, height=height)


def bars_chart(data: Sequence[Bar], *, width: int = 480, height: int = 170) -> str:
    """:func:`events_chart` of the events counted in ``data`` (see :func:`bars`)."""
    if not data:
        return ""
    per = "month" if data[0].month else "year"
    top = max(b.count for b in data) or 1
    left, bottom, head = 36, 28, 12
    plot_w, plot_h = width - left - 8, height - bottom - head
    step = plot_w / len(data)
    bar_w = max(step * 0.8, 1.0)
    desc = "; ".join(f"{b.label}: {b.count}" for b in data)
    parts = [
        f'<svg class="tl-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="tl-chart-title tl-chart-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="tl-chart-title">Events per {per}</title>',
        f'<desc id="tl-chart-desc">{html.escape(desc)}</desc>',
        f'<line class="tl-chart-axis" x1="{left}" y1="{head + plot_h}" '
        f'x2="{width - 8}" y2="{head + plot_h}"/>',
        f'<text class="tl-chart-tick" x="{left - 6}" y="{head + 4}" text-anchor="end">{top}</text>',
        f'<text class="tl-chart-tick" x="{left - 6}" y="{head + plot_h}" text-anchor="end">0</text>',
    ]
    for i, b in enumerate(data):
        x = left + i * step + (step - bar_w) / 2
        h = plot_h * b.count / top
        y = head + plot_h - h
        noun = "event" if b.count == 1 else "events"
        parts.append(
            f'<rect class="tl-chart-bar" x="{x:.2f}" y="{y:.2f}" width="{bar_w:.2f}" height="{h:.2f}">'
            f"<title>{html.escape(b.label)}: {b.count} {noun}</title></rect>"
        )
    for i, text in _ticks(data):
        parts.append(
            f'<text class="tl-chart-tick" x="{left + i * step + step / 2:.2f}" y="{height - 10}" '
            f'text-anchor="middle">{html.escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(data: Sequence[Bar]) -> list[tuple[int, str]]:
    """Which bars get a label under the axis, so labels never overlap: every month of a short
    chart; else the first bar and each January (as its year); for years, about ten labels."""
    if not data[0].month:
        every = max(1, -(-len(data) // 10))
        return [(i, str(b.year)) for i, b in enumerate(data) if i % every == 0]
    if len(data) <= 12:
        return [(i, f"{b.short} {b.year}" if i == 0 or b.month == 1 else b.short) for i, b in enumerate(data)]
    ticks = [(0, f"{data[0].short} {data[0].year}")]
    ticks += [(i, str(b.year)) for i, b in enumerate(data) if b.month == 1 and i >= 4]
    return ticks


def chart_caption(events: Sequence[Event]) -> str:
    """One sentence saying what the chart counts, so a reader is not misled by coarse dates."""
    return bars_caption(bars(events))


def bars_caption(data: Sequence[Bar]) -> str:
    """:func:`chart_caption` of the events counted in ``data`` (see :func:`bars`)."""
    if not data:
        return ""
    if data[0].month:
        return (
            f"Events dated to a month or finer, per month, {data[0].label} to {data[-1].label}."
            if len(data) > 1
            else f"Events dated to a month or finer in {data[0].label}."
        )
    return f"Events dated to a year or finer, per year, {data[0].year} to {data[-1].year}."


__all__ = ["Bar", "bars", "bars_caption", "bars_chart", "chart_caption", "events_chart"]
