"""Anchor underspecified values: small pure functions, the anchor chosen once per expression.

The anchor is the dateline, or for "two days later" and kin the date the narrative last set
(falling back to the dateline). Direction comes from the tense cue extraction recorded. With
no dateline, relative values stay unresolved ("XXXX-06") and say why; absolute ones resolve.
Nothing here ever looks at the clock.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from contextlib import suppress
from dataclasses import replace

from dateutil.easter import easter
from hijridate import Gregorian, Hijri

from timeline import dates
from timeline.dates import Granularity, Period
from timeline.model import Timex
from timeline.temporal.extract import Extraction, Found
from timeline.temporal.values import (
    Anaphor,
    BeforeChrist,
    Calendar,
    DayOfMonth,
    Direction,
    Holiday,
    QuarterEnding,
    RangeEnd,
    Reference,
    ReportingQuarter,
    Shift,
    Span,
    WeekdayRef,
    time_suffix,
    yearless,
)

_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_UNIT_GRANULARITY = {
    "day": Granularity.DAY,
    "week": Granularity.WEEK,
    "weekend": Granularity.WEEK,
    "month": Granularity.MONTH,
    "quarter": Granularity.QUARTER,
    "half": Granularity.HALF,
    "year": Granularity.YEAR,
    "decade": Granularity.DECADE,
    "century": Granularity.CENTURY,
}
# Sub-year codes that leave the number open: "a quarter", "a week" of a known year.
_UNNUMBERED = {"QX": "quarter", "WXX": "week"}
_UNIT_WORDS = {
    "day": "day",
    "week": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "weekend": "weekend",
}


def _with_tod(period: Period, tod: str | None) -> Period:
    if not tod or period.granularity is not Granularity.DAY:
        return period
    return dates.time_of_day(period.start, time_suffix(tod))


def calendar_period(value: Calendar, year: int) -> Period:
    """The period a calendar value names once its year is known."""
    if value.century is not None:
        return dates.century(value.century)
    if value.decade is not None:
        return dates.decade(value.decade)
    if value.part == "WEEK" and value.month is not None and value.day is not None:
        return dates.week_of(dt.date(year, value.month, value.day))
    if value.month is not None and value.day is not None:
        return _with_tod(dates.day(dt.date(year, value.month, value.day)), value.tod)
    if value.month is not None:
        return dates.month(year, value.month)
    part = value.part
    if part and part[0] == "Q" and part[1:].isdigit():
        return dates.quarter(year, int(part[1:]))
    if part and part[0] == "H" and part[1:].isdigit():
        return dates.half(year, int(part[1:]))
    if part in _SEASON_START:
        return dates.season(year, part)
    return dates.year(year)


def _part_after(part: str | None, anchor: dt.date) -> bool:
    """Whether a quarter or half ("Q4", "H2") comes later in the year than the anchor's own."""
    if not part or part[0] not in "QH" or not part[1:].isdigit():
        return False
    per = 3 if part[0] == "Q" else 6
    return int(part[1:]) > (anchor.month - 1) // per + 1


def choose_year(value: Calendar, anchor: dt.date, direction: Direction | None, firm: bool = False) -> int:
    """The year of a month, day or season named without one: by tense, else the anchor's year.

    ``firm``: the past tense is the event's own ("entered the city on Oct. 17"), not a report's,
    so even a month that would be nearer ahead is taken from the year before."""
    if not value.year_from_anchor and direction == "past" and _part_after(value.part, anchor):
        # "announced a drop in profits for the fourth quarter" in January: last year's
        return anchor.year - 1
    if value.year_from_anchor or (value.month is None and value.part not in _SEASON_START):
        return anchor.year + value.year_offset
    month = value.month if value.month is not None else _SEASON_START[value.part or ""]
    if value.direction == "past" and value.day is not None:
        # "the quarter ended Oct. 31": a day the words put on or before the anchor
        return anchor.year if (month, value.day) <= (anchor.month, anchor.day) else anchor.year - 1
    if value.direction == "past":  # the words say so ("last December"): strictly before the anchor's month
        # but the month just ended is "last month": "crashed last February" told on March 1 is a
        # year before (in January, "last December" is the one just ended, of "last year")
        return anchor.year if month < anchor.month - (value.month is not None) else anchor.year - 1
    if value.direction == "future":  # "next March": strictly after
        ahead = month > anchor.month or (value.month is None and month == anchor.month)
        return anchor.year if ahead else anchor.year + 1
    if direction == "past" and month == anchor.month:
        # a day later this month told in the past tense is a scheduled date, not last year's
        return anchor.year
    key = (month, value.day or 0)
    anchor_key = (anchor.month, anchor.day if value.day else 0)
    if direction == "past" and key <= anchor_key:
        return anchor.year
    if direction == "past" and key > anchor_key and (firm or (12 + anchor.month - month) % 12 <= 9):
        return anchor.year - 1
    if direction == "future" and key < anchor_key:
        return anchor.year + 1
    if direction != "future":
        # no tense, or a past one pointing too far back: the nearest occurrence (earlier on a tie)
        def distance(y: int) -> int:
            if value.day is not None:
                return abs((dt.date(y, month, min(value.day, 28)) - anchor).days)
            return abs(y * 12 + month - (anchor.year * 12 + anchor.month)) * 30

        return min((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: (distance(y), y))
    return anchor.year


def weekday_date(value: WeekdayRef, anchor: dt.date, direction: Direction | None) -> dt.date:
    """The day a weekday names: "last" before the anchor, "next" after, else by tense (past by default)."""
    if value.week is not None:
        return anchor + dt.timedelta(days=value.weekday - anchor.weekday() + 7 * value.week)
    diff = (value.weekday - anchor.weekday()) % 7
    if value.shift == 1:
        return anchor + dt.timedelta(days=diff or 7)
    if value.shift == -1:
        return anchor - dt.timedelta(days=(7 - diff) % 7 or 7)
    if diff == 0:
        return anchor
    if direction == "future" or (value.shift == 0 and direction is None):
        return anchor + dt.timedelta(days=diff)
    return anchor - dt.timedelta(days=7 - diff)


# Units shorter than a day: how many of them make one.
_PER_DAY = {"hour": 24, "minute": 24 * 60, "second": 24 * 60 * 60}


def shift_period(value: Shift, anchor: dt.date) -> Period:
    """The period ``value.amount`` units away from the anchor, at the unit's granularity."""
    n = value.amount
    unit = value.unit
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    if value.at is not None and unit == "year":
        # "ten years ago this month": the anchor's own month (week, day) that many years back
        d = dates.add_months(anchor, 12 * n)
        if value.at == "month":
            return dates.month(d.year, d.month)
        return dates.week_of(d) if value.at == "week" else dates.day(d)
    if unit in _PER_DAY:
        # a dateline has no hour: "two hours ago" is most likely that day, "36 hours later" the next
        per_day = _PER_DAY[unit]
        n, unit = (abs(n) // per_day) * (1 if n > 0 else -1), "day"
    if unit == "day":
        return _with_tod(dates.day(anchor + dt.timedelta(days=n)), value.tod)
    if unit == "week":
        return dates.week_of(anchor + dt.timedelta(weeks=n))
    if unit == "weekend":
        d = anchor + dt.timedelta(weeks=n)
        y, w, _ = d.isocalendar()
        saturday = dt.date.fromisocalendar(y, w, 6)
        return Period(saturday, Granularity.WEEK, saturday + dt.timedelta(days=1), f"{y:04d}-W{w:02d}-WE")
    if unit == "month":
        d = dates.add_months(anchor, n)
        return dates.month(d.year, d.month)
    if unit == "quarter":
        d = dates.add_months(anchor, 3 * n)
        return dates.quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "half":
        d = dates.add_months(anchor, 6 * n)
        return dates.half(d.year, (d.month - 1) // 6 + 1)
    if unit == "year":
        return dates.year(anchor.year + n)
    if unit == "decade":
        return dates.decade(anchor.year + 10 * n)
    if unit == "century":
        return dates.century(anchor.year + 100 * n)
    raise ValueError(f"unknown unit {unit!r}")


def _shift_words(value: Shift) -> str:
    unit = value.unit
    n = abs(value.amount)
    if value.amount == 0:
        return f"the {unit} of"
    plural = unit if n == 1 else unit + "s"
    return f"{n} {plural} {'before' if value.amount < 0 else 'after'}"


def _timex(f: Found, value: str, period: Period | None, anchor: str | None, explanation: str) -> Timex:
    return Timex(
        f.start,
        f.end,
        f.text,
        f.type,
        value,
        f.rule,
        period,
        f.mod,
        anchor,  # type: ignore[arg-type]
        explanation,
    )


def reporting_quarter(value: ReportingQuarter, anchor: dt.date, last_quarter: Period | None) -> Period:
    """The quarter last named, else the last whole quarter before the anchor, ``years_back``
    earlier (of the year written, if one was: "the 1988 quarter")."""
    if last_quarter is not None:
        named = dates.quarter_number(last_quarter)[0]
        year = named if value.year is None else value.year
        return dates.years_earlier(last_quarter, named - year + value.years_back)
    d = dates.add_months(anchor, -3)
    year = d.year if value.year is None else value.year
    return dates.quarter(year - value.years_back, (d.month - 1) // 3 + 1)


def quarter_ending(
    value: QuarterEnding, anchor: dt.date | None, direction: Direction | None
) -> tuple[Period, dt.date] | None:
    """The quarter that ends on the day named (and that day): by its own number if given, else
    the calendar quarter most of its three months fell in. None without a year or an anchor."""
    if value.year is not None:
        end = dt.date(value.year, value.month, value.day)
    elif anchor is not None:
        day = Calendar(None, value.month, value.day, direction="past" if value.ended else None)
        year = choose_year(day, anchor, direction or "past")
        end = dt.date(year, value.month, value.day)
    else:
        return None
    if value.number is not None:
        return dates.fiscal_quarter(end.year, value.number, end), end
    middle = end - dt.timedelta(days=45)
    return dates.quarter(middle.year, (middle.month - 1) // 3 + 1), end


def anaphor_period(value: Anaphor, last_period: Period | None, last_quarter: Period | None) -> Period | None:
    """The ``unit`` that holds the period the narrative last named, if it is no coarser than that."""
    if value.unit == "quarter" and last_quarter is not None:
        return last_quarter
    if last_period is None:
        return None
    if value.unit == "period":  # "until then": whatever was named last
        return last_period
    start = last_period.start
    if value.unit == "year" and last_period.granularity <= Granularity.YEAR:
        return dates.year(start.year)
    if value.unit == "quarter" and last_period.granularity <= Granularity.QUARTER:
        return dates.quarter(start.year, (start.month - 1) // 3 + 1)
    if value.unit == "month" and last_period.granularity <= Granularity.MONTH:
        return dates.month(start.year, start.month)
    if value.unit == "week" and last_period.granularity <= Granularity.WEEK:
        return dates.week_of(start)
    if value.unit == "day" and last_period.granularity <= Granularity.DAY:
        return dates.day(start)
    return None


def resolve_one(
    f: Found,
    dct: dt.date | None,
    previous: dt.date | None,
    last_quarter: Period | None = None,
    last_period: Period | None = None,
    last_written: Period | None = None,
) -> Timex:
    """Resolve one expression against the dateline (and the narrative's last day, quarter and
    period, and the year or month last written out in full, if no day was named since)."""
    v = f.value
    if isinstance(v, Anaphor):
        period = anaphor_period(v, last_period, last_quarter)
        if period is None:
            if v.unit == "period":
                return _timex(f, "XXXX-XX-XX", None, None, "no date named before")
            return _timex(f, _unresolved_shift(Shift(v.unit, 0)), None, None, f"no {v.unit} named before")
        what = "the date" if v.unit == "period" else f"the {v.unit}"
        return _timex(f, period.value, period, "previous date", f"{dates.label(period)}: {what} last named")
    if isinstance(v, QuarterEnding):
        if v.number is None and last_quarter is not None:
            # the company's own numbering, if the report named the quarter before, and now its
            # last day too: "its fiscal first quarter ... the quarter ended Sept. 30"
            ending = quarter_ending(v, dct, f.direction)
            period = last_quarter
            if ending is not None and ending[1] != last_quarter.end:
                period = dates.fiscal_quarter(*dates.quarter_number(last_quarter), ending[1])
            why = f"{dates.label(period)}: the quarter last mentioned"
            return _timex(f, period.value, period, "previous date", why)
        ending = quarter_ending(v, dct, f.direction)
        if ending is None:
            return _timex(f, "XXXX-QX", None, None, "no dateline to tell which year the quarter ended")
        period, end = ending
        anchor = None if v.year is not None else "dateline"
        why = f"{dates.label(period)}: the quarter ending {dates.long_date(end)}"
        return _timex(f, period.value, period, anchor, why)
    if isinstance(v, ReportingQuarter):
        if v.year is not None and last_quarter is None:
            period = dates.year(v.year - v.years_back)
            return _timex(f, period.value, period, None, f"written in full: {dates.label(period)}")
        if dct is None:
            return _timex(f, "XXXX-QX", None, None, "no dateline to tell which quarter is meant")
        period = reporting_quarter(v, dct, last_quarter)
        anchor = "previous date" if last_quarter is not None else "dateline"
        why = (
            "the quarter last mentioned"
            if last_quarter is not None
            else "the last whole quarter before the dateline"
        )
        back = f", {v.years_back} year earlier" if v.years_back else ""
        return _timex(f, period.value, period, anchor, f"{dates.label(period)}: {why}{back}")
    if isinstance(v, Span) and v.unit in _UNIT_GRANULARITY and f.direction == "future" and dct is not None:
        # a calendar unit ahead; "lands in two hours" stays a length (no TIMEX3 value for the hour)
        return _time_to_come(f, v.later, v.unit, dct)
    if isinstance(v, (Reference, Span)):
        return _timex(f, v.value, None, None, "")
    if isinstance(v, Calendar):
        if v.year is not None or v.decade is not None or v.century is not None:
            period = calendar_period(v, v.year or 0)
            return _timex(f, period.value, period, None, f"written in full: {dates.label(period)}")
        if dct is None:
            return _timex(f, yearless(v), None, None, "no dateline to tell which year is meant")
        # "since November": the words themselves look back; "in November, the army launched":
        # the event's own past tense does
        firm = not v.direction and (
            v.tense == "past" or (v.placed and not v.tense and f.direction == "past" and not f.told)
        )
        year = choose_year(v, dct, v.direction or v.tense or f.direction, firm)
        if v.weekday is not None and v.month is not None and v.day is not None:
            # "Monday, Sept. 16": of the years next to the one chosen, one where it is a Monday
            year = next(
                (y for y in (year, year + 1, year - 1) if _falls_on(y, v.month, v.day, v.weekday)), year
            )
        period = calendar_period(v, year)
        if v.part in _UNNUMBERED:
            what = _UNNUMBERED[v.part]
            return _timex(f, f"{dct.year}-{v.part}", None, "dateline", f"a {what} of the dateline's year")
        return _by_tense(f, period, v.direction or v.tense or f.direction, dct)
    if isinstance(v, Holiday):
        return _holiday(f, v, dct)
    if isinstance(v, DayOfMonth):
        return _day_of_month(f, v, dct, last_period)
    if isinstance(v, BeforeChrist):
        value = f"BC{v.year:04d}" if v.year is not None else f"BC{(v.century or 1) - 1:02d}"
        return _timex(f, value, None, None, "before the Common Era, earlier than the calendar shown here")
    if isinstance(v, WeekdayRef):
        if dct is None:
            value = f"XXXX-WXX-{v.weekday + 1}"
            return _timex(f, value, None, None, "no dateline to tell which week is meant")
        narrative = v.anchor == "previous" and previous is not None
        base = previous if narrative and previous is not None else dct
        what = "the date last mentioned" if narrative else "the dateline"
        named = weekday_date(v, base, f.direction or v.tense)
        d = named + dt.timedelta(weeks=v.weeks_after)
        period = _with_tod(dates.day(d), v.tod)
        if named == base:
            how = f"the day of {what}"
        elif named < base:
            how = f"the {_WEEKDAYS[v.weekday]} before {what}, {dates.weekday_date(base)}"
        else:
            how = f"the {_WEEKDAYS[v.weekday]} after {what}, {dates.weekday_date(base)}"
        if v.weeks_after:  # "a week from Monday"
            how = f"{v.weeks_after} week(s) after {dates.weekday_date(named)}, {how}"
        anchor = "previous date" if narrative else "dateline"
        return _timex(f, period.value, period, anchor, f"{dates.weekday_date(d)}: {how}")
    if isinstance(v, Shift) and v.anchor == "event":
        why = "counted from an event the text gives no date for"
        return _timex(f, _unresolved_shift(v), None, None, why)
    if isinstance(v, Shift):
        if (
            v.anchor == "previous"
            and v.whole_unit
            and last_period is not None
            and _UNIT_GRANULARITY.get(v.unit, Granularity.DAY) >= last_period.granularity > Granularity.DAY
        ):
            # "In March ... The following month": counted from the month last named
            previous = last_period.start
        elif (
            v.anchor == "previous"
            and last_written is not None
            and _UNIT_GRANULARITY.get(v.unit, Granularity.DAY) >= last_written.granularity > Granularity.DAY
        ):
            # "took the city in 2014 and lost it three years later": counted from the year written
            previous = last_written.start
        use_previous = v.anchor == "previous" and previous is not None
        anchor_date = previous if use_previous else dct
        if anchor_date is None:
            return _timex(f, _unresolved_shift(v), None, None, "no dateline to count from")
        if v.report and last_quarter is not None and f.direction != "future":
            # "this quarter's loss" in a report: the quarter being reported on
            return _timex(
                f,
                last_quarter.value,
                last_quarter,
                "previous date",
                f"{dates.label(last_quarter)}: the quarter the report is about",
            )
        if v.unit == "year" and v.amount == -1 and last_quarter is not None and not v.whole_unit and not v.at:
            # in a report about a quarter, "a year ago" is that quarter a year before
            period = dates.years_earlier(last_quarter, -v.amount)
            return _timex(
                f,
                period.value,
                period,
                "previous date",
                f"{dates.label(period)}: the quarter last mentioned, {-v.amount} year(s) earlier",
            )
        if v.by_tense and f.direction == "past" and anchor_date.weekday() < 5:
            v = replace(v, amount=v.amount - 1, by_tense=False, report=False)
        period = shift_period(v, anchor_date)
        anchor_name = "previous date" if use_previous else "dateline"
        what = "the date last mentioned" if use_previous else "the dateline"
        return _timex(
            f,
            period.value,
            period,
            anchor_name,
            f"{dates.label(period)}: {_shift_words(v)} {what}, {dates.weekday_date(anchor_date)}",
        )
    raise TypeError(f"unknown value {v!r}")


def holiday_date(value: Holiday, year: int) -> dt.date:
    """The day a named day of the year falls on in ``year`` (for a day of the Islamic calendar,
    which comes some eleven days earlier each year, its first one in ``year``).

    ``OverflowError`` for an Islamic day outside the years the calendar table covers."""
    if value.hijri is not None:
        month, day = value.hijri
        first = Gregorian(year, 1, 1).to_hijri().year
        for hijri_year in (first, first + 1):
            g = Hijri(hijri_year, month, day).to_gregorian()
            if g.year == year:
                return dt.date(g.year, g.month, g.day)
        raise ValueError(f"no {month}/{day} of the Islamic calendar in {year}")
    if value.easter is not None:
        return easter(year) + dt.timedelta(days=value.easter)
    d = dt.date(year, value.month, value.day)
    if value.weekday is None:
        return d
    return d + dt.timedelta(days=(value.weekday - d.weekday()) % 7)


def _holiday(f: Found, v: Holiday, dct: dt.date | None) -> Timex:
    try:
        return _holiday_in_range(f, v, dct)
    except OverflowError:
        why = "the days of the Islamic calendar are known here from 1924 to 2077 only"
        return _timex(f, "XXXX-XX-XX", None, None, why)


def _holiday_in_range(f: Found, v: Holiday, dct: dt.date | None) -> Timex:
    if v.year is not None:
        period = _with_tod(dates.day(holiday_date(v, v.year)), v.tod)
        return _timex(f, period.value, period, None, f"written in full: {dates.label(period)}")
    if dct is None:
        fixed = v.weekday is None and v.easter is None and v.hijri is None
        value = f"XXXX-{v.month:02d}-{v.day:02d}" if fixed else "XXXX-XX-XX"
        return _timex(f, value, None, None, "no dateline to tell which year is meant")
    near = holiday_date(v, dct.year)
    if f.direction == "past" and not f.told:
        # "crowds gathered on Easter Sunday": the last one on or before the dateline, even one
        # later in the dateline's month (a day of the calendar told so may be a schedule)
        year = dct.year if near <= dct else dct.year - 1
    else:
        # the year as for the day it falls on around the dateline
        year = choose_year(Calendar(None, near.month, near.day), dct, f.direction)
    day = dates.day(holiday_date(v, year))
    return _by_tense(f, _with_tod(day, v.tod), f.direction, dct)


def _day_of_month(f: Found, v: DayOfMonth, dct: dt.date | None, last_period: Period | None) -> Timex:
    """ "on the 15th": that day of the month the narrative last named (or whose day it named),
    else of the dateline's month, or of the month before or after it as the words or the tense
    point ("prices rose after the 20th" told on the 6th is last month's 20th; "died on the 31st"
    told on 15 March, January's)."""
    if v.month_shift is None and last_period is not None and last_period.granularity <= Granularity.MONTH:
        period = dates.day(last_period.start.replace(day=v.day))
        month = dates.month(period.start.year, period.start.month)
        why = f"{dates.label(period)}: day {v.day} of the month last named, {dates.label(month)}"
        return _timex(f, period.value, period, "previous date", why)
    if dct is None:
        return _timex(f, f"XXXX-XX-{v.day:02d}", None, None, "no dateline to tell which month is meant")
    shift = v.month_shift
    if shift is None:
        shift = -1 if f.direction == "past" and v.day > dct.day else 0
        shift = 1 if f.direction == "future" and v.day < dct.day else shift
    step = 1 if shift > 0 or f.direction == "future" else -1
    month = dates.add_months(dct.replace(day=1), shift)
    while v.day > dates.month(month.year, month.month).days and v.month_shift is None:
        month = dates.add_months(month, step)  # the nearest month that has a 31st
    period = dates.day(month.replace(day=v.day))
    away = (month.year - dct.year) * 12 + month.month - dct.month
    which = _MONTHS_AWAY.get(away, f"{dates.label(dates.month(month.year, month.month))}, counted from")
    why = f"{dates.label(period)}: day {v.day} of {which} the dateline, {dates.weekday_date(dct)}"
    return _timex(f, period.value, period, "dateline", why)


_MONTHS_AWAY = {-1: "the month before", 0: "the month of", 1: "the month after"}


def _before_saying(f: Found, t: Timex, said: dt.date) -> bool:
    """Whether a weekday told in the past, after the day a saying was dated in the same sentence,
    is put after that day: "said on Monday that the attack on Friday killed 12", on a Friday
    dateline, is no attack on the dateline but the Friday before the Monday."""
    v = f.value
    return (
        isinstance(v, WeekdayRef)
        and v.shift is None
        and v.week is None
        and v.anchor == "dateline"
        and f.direction == "past"
        and t.period is not None
        and t.period.start > said
    )


def _weekday_before(f: Found, t: Timex, said: dt.date) -> Timex:
    """The weekday ``t`` names, on or before the day of the saying that reports it."""
    assert isinstance(f.value, WeekdayRef)
    d = weekday_date(f.value, said, "past")  # no "last"/"next" (see _before_saying): on or before
    period = _with_tod(dates.day(d), f.value.tod)
    how = "the day of" if d == said else f"the {_WEEKDAYS[f.value.weekday]} before"
    why = f"{dates.weekday_date(d)}: {how} the saying that reports it, {dates.weekday_date(said)}"
    return _timex(f, period.value, period, "previous date", why)


def _falls_on(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return dt.date(year, month, day).weekday() == weekday
    except ValueError:
        return False


def _by_tense(f: Found, period: Period, direction: Direction | None, dct: dt.date) -> Timex:
    """A month, day or named day whose year the dateline and the tense gave, and why."""
    if direction == "past" and period.end < dct:
        how = "the last one before"
    elif direction == "future" and period.start > dct:
        how = "the next one after"
    elif period.start <= dct <= period.end or (period.start.year == dct.year and direction is None):
        how = "in the year of"
    else:  # the tense pointed too far away: the nearest one was taken
        how = "the nearest one to"
    return _timex(
        f,
        period.value,
        period,
        "dateline",
        f"{dates.label(period)}: {how} the dateline, {dates.weekday_date(dct)}",
    )


def _time_to_come(f: Found, later: int, unit: str, dct: dt.date) -> Timex:
    """ "will be redeemed in five years": the point ``later`` units after the dateline, a DATE
    (0: some time after it)."""
    point = replace(f, type="DATE")
    if later == 0:
        return _timex(point, "FUTURE_REF", None, None, "some time after the dateline")
    shift = Shift(unit, later)
    period = shift_period(shift, dct)
    why = f"{dates.label(period)}: {_shift_words(shift)} the dateline, {dates.weekday_date(dct)}"
    return _timex(point, period.value, period, "dateline", why)


def _report_year_back(f: Found, v: ReportingQuarter, dct: dt.date, last_quarter: Period | None) -> Timex:
    """A report's year-ago period beside a period longer than a quarter: the whole year before."""
    if last_quarter is not None:
        base = dates.quarter_number(last_quarter)[0]
    else:
        base = dates.add_months(dct, -3).year
    period = dates.year(base - v.years_back)
    why = f"{dates.label(period)}: the year before the report's, beside a period longer than a quarter"
    anchor = "previous date" if last_quarter is not None else "dateline"
    return _timex(f, period.value, period, anchor, why)


def _unresolved_shift(v: Shift) -> str:
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "year": "XXXX",
    }.get(v.unit, "XXXX")


_LONGER_THAN_A_QUARTER = frozenset({"P6M", "P9M", "P12M", "P1Y", "P2Q", "P3Q"})


def _longer_report_period(f: Found) -> bool:
    """A report's period longer than a quarter: "the first nine months", "the first half", "the full year"."""
    v = f.value
    if isinstance(v, Span):
        return v.value in _LONGER_THAN_A_QUARTER
    if isinstance(v, Calendar):
        return v.part in ("H1", "H2")
    return isinstance(v, Shift) and v.unit == "year" and v.amount == 0


def _reports_on(value: object, quarter: Period, reported: Period | None) -> bool:
    """Whether a quarter just named becomes the one the report is about.

    A report is about its latest quarter: an earlier one named in passing ("after a flat second
    quarter, net rose") does not move it back, unless it is named as a report's own period, by
    the company's numbering or by its last day ("its fiscal second quarter", "the quarter ended
    June 30"), as when an article goes on to another company's results.
    """
    if reported is None or quarter.start >= reported.start:
        return True
    return isinstance(value, QuarterEnding) or (isinstance(value, Calendar) and value.fiscal)


# The most characters between a range's first day and its last: the grammar's longest range
# word with a space each side.
_RANGE_GAP = 9


def _range_end(f: Found, v: RangeEnd, first: Timex | None) -> Timex | None:
    """The 5 of "Aug. 3 to 5": the day of the first date's month, or nothing when the number
    does not close a range of days begun just before it."""
    if (
        first is None
        or first.period is None
        or first.period.granularity is not Granularity.DAY
        or not 0 < f.start - first.end <= _RANGE_GAP
        or v.day <= first.period.start.day
    ):
        return None
    start = first.period.start
    try:
        period = dates.day(start.replace(day=v.day))
    except ValueError:
        return None
    why = f"{dates.label(period)}: the last day of a range that begins {dates.long_date(start)}"
    return _timex(f, period.value, period, "previous date", why)


def resolve_extraction(extraction: Extraction, dct: dt.date | None) -> tuple[Timex, ...]:
    """Resolve every expression in order, tracking the last day the narrative established."""
    previous: dt.date | None = None
    previous_sentence = -1  # the sentence that named ``previous``
    last_quarter: Period | None = None
    last_period: Period | None = None
    last_written: Period | None = None  # a year or month in full, named after the last day
    starts = [s.start for s in extraction.sentences]
    longer_period_sentence = -1
    said: tuple[int, dt.date] | None = None  # the sentence whose saying a day dated, and that day
    out: list[Timex] = []
    for f in extraction.found:
        sentence = bisect_right(starts, f.start) - 1
        quarter = last_quarter
        if isinstance(f.value, (Shift, ReportingQuarter)) and sentence == longer_period_sentence:
            # "through the first nine months, compared with a year earlier", "in the first nine
            # months, net rose from a loss in the 1988 period": the year, not the quarter
            quarter = None
        if _longer_report_period(f):
            longer_period_sentence = sentence
        if isinstance(f.value, Shift) and f.value.anchor == "sentence":
            # counted from the day the narrative is on only if this sentence named it
            f = replace(
                f, value=replace(f.value, anchor="previous" if previous_sentence == sentence else "dateline")
            )
        if isinstance(f.value, Shift) and f.value.anchor == "event" and previous is not None:
            # "The vote was on Oct. 12. The day before the vote": the event is the day the
            # narrative is on; with no day named yet, not the dateline either
            f = replace(f, value=replace(f.value, anchor="previous"))
        if isinstance(f.value, RangeEnd):
            t = _range_end(f, f.value, out[-1] if out else None)
            if t is not None:
                out.append(t)
            continue
        try:
            if (
                sentence == longer_period_sentence
                and isinstance(f.value, ReportingQuarter)
                and f.value.years_back
                and f.value.year is None
                and dct is not None
            ):
                # "For the nine months, a loss, compared with year-earlier net income": that year
                t = _report_year_back(f, f.value, dct, last_quarter)
            else:
                t = resolve_one(f, dct, previous, quarter, last_period, last_written)
        except (ValueError, OverflowError):
            # "31 September", "February 29, 2017", or arithmetic past the year 9999: the words
            # name no day of the calendar, so the expression stays, unresolved and explained.
            t = _timex(f, "XXXX-XX-XX", None, None, "names no day of the calendar")
        if t.period is not None and t.period.granularity <= Granularity.DAY:
            if said is not None and said[0] == sentence and _before_saying(f, t, said[1]):
                with suppress(OverflowError):  # a saying in the calendar's first week
                    t = _weekday_before(f, t, said[1])
            elif f.told and (said is None or said[0] != sentence):
                said = sentence, t.period.start
        out.append(t)
        if t.period is not None and t.period.granularity <= Granularity.DAY:
            previous = t.period.start
            previous_sentence = sentence
            last_written = None
        elif t.period is not None and isinstance(f.value, Calendar) and f.value.year is not None:
            last_written = t.period
        if t.period is not None:
            last_period = t.period
        if (
            t.period is not None
            and t.period.granularity is Granularity.QUARTER
            and (isinstance(f.value, (Calendar, QuarterEnding)) or f.value == ReportingQuarter(0))
            # only a quarter already over can be the one a report is about; "a fourth-quarter
            # charge" expected in the current quarter is not. One told in the past tense is over
            # whatever the calendar says: "reported a decline in fourth-quarter earnings" in
            # November is a fiscal fourth quarter
            and (dct is None or t.period.end < dct or f.direction == "past")
            and _reports_on(f.value, t.period, last_quarter)
        ):
            last_quarter = t.period
    return tuple(out)
