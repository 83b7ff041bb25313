"""Calendar values at a granularity.

A date in a news article is rarely a day: "June" is a month, "2014" a year, "the 1990s" a
decade. A :class:`Period` keeps the first and last day it covers together with its
granularity and its TIMEX3 value, so ordering and merging can compare values at their common
granularity instead of pretending everything is a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum


class Granularity(IntEnum):
    """How coarse a calendar value is; a smaller number is finer."""

    TIME = 0
    DAY = 1
    WEEK = 2
    MONTH = 3
    QUARTER = 4
    SEASON = 5
    HALF = 6
    YEAR = 7
    DECADE = 8
    CENTURY = 9

    @property
    def label(self) -> str:
        """The name used in the JSON export and the site ("day", "month", ...)."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Granularity:
        return cls[label.upper()]


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A stretch of calendar time named by one TIMEX3 value.

    ``start`` and ``end`` are the first and last day covered (equal for a day or a time of
    day). ``value`` is the TIMEX3 rendering ("2017-09-05", "2017-W36", "2017-06", "2014",
    "201" for the 2010s, "2017-09-05TAF"). Field order makes the natural sort the timeline's:
    by start, then finer granularity first.
    """

    start: dt.date
    granularity: Granularity
    end: dt.date
    value: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period {self.value!r} ends before it starts")

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def day(d: dt.date) -> Period:
    return Period(d, Granularity.DAY, d, d.isoformat())


def time_of_day(d: dt.date, suffix: str) -> Period:
    """A part of a day or a clock time: ``suffix`` is what follows the date ("TAF", "T15:00")."""
    return Period(d, Granularity.TIME, d, d.isoformat() + suffix)


def iso_week(year: int, week: int) -> Period:
    start = dt.date.fromisocalendar(year, week, 1)
    return Period(start, Granularity.WEEK, start + dt.timedelta(days=6), f"{year:04d}-W{week:02d}")


def week_of(d: dt.date) -> Period:
    year, week, _ = d.isocalendar()
    return iso_week(year, week)


def month(year: int, number: int) -> Period:
    start = dt.date(year, number, 1)
    return Period(start, Granularity.MONTH, _month_end(year, number), f"{year:04d}-{number:02d}")


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(
        dt.date(year, first, 1), Granularity.QUARTER, _month_end(year, first + 2), f"{year:04d}-Q{number}"
    )


def fiscal_quarter(year: int, number: int, end: dt.date) -> Period:
    """A company's quarter by its own numbering: the three months that end on ``end``, named
    ``year``-Q``number`` as TimeML names it ("its fiscal first quarter ended Sept. 30": July to
    September, 1989-Q1). The calendar quarter of that number when the two are the same."""
    calendar = quarter(year, number)
    if calendar.end == end:
        return calendar
    if end == _month_end(end.year, end.month):  # three whole months
        start = add_months(end.replace(day=1), -2)
    else:  # thirteen weeks: "the quarter ended Aug. 26"
        start = end - dt.timedelta(days=7 * 13 - 1)
    return Period(start, Granularity.QUARTER, end, calendar.value)


def quarter_number(period: Period) -> tuple[int, int]:
    """The year and number a quarter is named by, its company's own for a fiscal quarter."""
    year, number = period.value.split("-Q")
    return int(year), int(number)


def is_fiscal(period: Period) -> bool:
    """Whether a quarter is a company's own, not the calendar quarter its value names."""
    return period.granularity is Granularity.QUARTER and quarter(*quarter_number(period)) != period


def years_earlier(period: Period, years: int) -> Period:
    """A quarter ``years`` before: the same quarter by the same numbering."""
    year, number = quarter_number(period)
    if not is_fiscal(period):
        return quarter(year - years, number)
    return fiscal_quarter(year - years, number, add_months(period.end, -12 * years))


def half(year: int, number: int) -> Period:
    first = 6 * (number - 1) + 1
    return Period(
        dt.date(year, first, 1), Granularity.HALF, _month_end(year, first + 5), f"{year:04d}-H{number}"
    )


# Meteorological seasons of the northern hemisphere; winter starts in December of the year
# before the one it is named with, as TimeML's "1998-WI" covers December 1997 to February 1998.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def season(year: int, code: str) -> Period:
    first, last = _SEASON_MONTHS[code]
    start_year = year - 1 if code == "WI" else year
    return Period(
        dt.date(start_year, first, 1), Granularity.SEASON, _month_end(year, last), f"{year:04d}-{code}"
    )


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), Granularity.YEAR, dt.date(number, 12, 31), f"{number:04d}")


def decade(first_year: int) -> Period:
    first = first_year - first_year % 10
    return Period(dt.date(first, 1, 1), Granularity.DECADE, dt.date(first + 9, 12, 31), f"{first // 10:03d}")


def century(first_year: int) -> Period:
    first = first_year - first_year % 100
    return Period(
        dt.date(first, 1, 1), Granularity.CENTURY, dt.date(first + 99, 12, 31), f"{first // 100:02d}"
    )


def _month_end(year: int, number: int) -> dt.date:
    if number == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, number + 1, 1) - dt.timedelta(days=1)


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, clamped to the last day of a shorter month."""
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return min(d.replace(year=y, month=m + 1, day=1) + dt.timedelta(days=d.day - 1), _month_end(y, m + 1))


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
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def long_date(d: dt.date) -> str:
    """'5 September 2017', the way the site writes a day."""
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def weekday_date(d: dt.date) -> str:
    """'Tuesday 5 September 2017'."""
    return f"{_WEEKDAY_NAMES[d.weekday()]} {long_date(d)}"


_PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}


def _time_of_day(value: str) -> str:
    """ "10:00", "morning", "midnight": the time a TIME value names after its "T"."""
    clock = value.partition("T")[2]
    if clock in ("24:00", "24"):
        return "midnight"
    if clock in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[clock]
    return clock if len(clock) != 2 else f"{clock}:00"


def _ordinal(n: int) -> str:
    """21st, 22nd, 23rd, 11th, 20th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def label(period: Period) -> str:
    """A reader's name for a period at its own granularity ("June 2017", "week 36 of 2017")."""
    g = period.granularity
    s = period.start
    if g is Granularity.TIME and "T" in period.value:
        return f"{long_date(s)}, {_time_of_day(period.value)}"
    if g in (Granularity.TIME, Granularity.DAY):
        return long_date(s)
    if g is Granularity.WEEK:
        y, w, _ = s.isocalendar()
        return f"week {w} of {y} ({long_date(s)} – {long_date(period.end)})"
    if g is Granularity.MONTH:
        return f"{_MONTH_NAMES[s.month - 1]} {s.year}"
    if g is Granularity.QUARTER:
        year, number = quarter_number(period)
        if is_fiscal(period):
            return f"fiscal Q{number} {year} ({long_date(s)} – {long_date(period.end)})"
        return f"Q{number} {year}"
    if g is Granularity.HALF:
        return f"{'first' if s.month == 1 else 'second'} half of {s.year}"
    if g is Granularity.SEASON:
        code = period.value.rsplit("-", 1)[-1]
        return f"{_SEASON_NAMES.get(code, code)} {period.end.year}"
    if g is Granularity.YEAR:
        return str(s.year)
    if g is Granularity.DECADE:
        return f"the {s.year}s"
    return f"the {_ordinal(s.year // 100 + 1)} century"
