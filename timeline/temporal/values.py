"""Underspecified values: what extraction knows about an expression before any dateline.

Each record says what the words fix and leaves the rest to resolution: "June" is a month in
an unknown year, "last Friday" a weekday before the anchor, "three days later" a shift from
the date the narrative last set. Resolution (``resolve.py``) fills the gaps from an explicit
anchor; nothing here knows what day it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Direction = Literal["past", "future"]
AnchorKind = Literal["dateline", "previous", "sentence", "event"]
"""What a relative value counts from: the dateline; the day the narrative is on ("previous");
that day only if the same sentence named it, else the dateline ("sentence"); or an event the
words name ("the day after the election"): the day the narrative is on, else no day known
("event")."""


@dataclass(frozen=True, slots=True)
class Calendar:
    """A calendar value with the fields the text named; ``year`` None means "year from the anchor".

    ``part`` is a TIMEX3 sub-year code ("Q3", "H1", "SU", "QX", "WXX"), or "WEEK" with a month and
    day for the week that holds that day ("the week of Sept. 11"); ``tod`` a time-of-day suffix
    ("MO", "NI", "T15:30"). ``decade``/``century`` hold the first year of the span.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    tod: str | None = None
    decade: int | None = None
    century: int | None = None
    year_offset: int = 0
    direction: Direction | None = None
    """What the words say ("last December", "next March"): strictly before or after the
    anchor's month; a day in the past ("ended Oct. 31") is on or before the anchor."""
    year_from_anchor: bool = False
    tense: Direction | None = None
    """The way the words point when no tense cue says otherwise: "by February" is a deadline, ahead."""
    fiscal: bool = False
    """Named as a company's own period ("its fiscal second quarter"): a report's own quarter."""
    placed: bool = False
    """Set in time by "on" or "in" ("entered the city on Oct. 17"): a past tense other than a
    report's then puts it in the past, however far back."""
    weekday: int | None = None
    """The weekday the text gives the day (0 is Monday: "Monday, Sept. 16"): without a year, the
    year is one in which the day falls on it."""


def yearless(value: Calendar) -> str:
    """The TIMEX3 value of what ``value`` fixes, its year left open: "XXXX-06", "XXXX-Q3"."""
    if value.part == "WEEK":
        return "XXXX-WXX"
    if value.month is not None and value.day is not None:
        return f"XXXX-{value.month:02d}-{value.day:02d}"
    if value.month is not None:
        return f"XXXX-{value.month:02d}"
    if value.part:
        return f"XXXX-{value.part}"
    return "XXXX"


def time_suffix(tod: str) -> str:
    """A time-of-day code as a TIMEX3 value ends with it: "NI" is "TNI", "T15:30" stays."""
    return tod if tod.startswith("T") else "T" + tod


@dataclass(frozen=True, slots=True)
class WeekdayRef:
    """A weekday relative to the anchor: ``shift`` -1 "last", +1 "next", 0 "this", None from tense."""

    weekday: int
    shift: int | None = None
    tod: str | None = None
    anchor: AnchorKind = "dateline"
    """"previous" for "the previous Friday": counted from the day the narrative is on."""
    week: int | None = None
    """The week it falls in, counted from the anchor's: 1 for "Tuesday next week"."""
    tense: Direction | None = None
    """The way the words point when no tense cue says otherwise: "by Thursday" is a deadline."""
    weeks_after: int = 0
    """Whole weeks after the day the weekday names: 1 for "a week from Monday"."""


@dataclass(frozen=True, slots=True)
class Shift:
    """``amount`` ``unit``s from the anchor, at that unit's granularity ("3 years before")."""

    unit: str
    amount: int
    anchor: AnchorKind = "dateline"
    tod: str | None = None
    whole_unit: bool = True
    by_tense: bool = False
    """``amount`` 0 that tense may move: "the weekend" told in the past is the one before a weekday."""
    report: bool = False
    """"this quarter" in a financial report: the quarter reported on, once the text has named one."""
    at: str | None = None
    """A finer unit the result is named in: "ten years ago this month" is the anchor's month ten
    years back ("month"; "week", and "day" for "a year ago today")."""


@dataclass(frozen=True, slots=True)
class ReportingQuarter:
    """The quarter a financial report is about ("the quarter", "the year-ago period").

    It is the quarter the narrative last named, else the last whole quarter before the
    dateline, moved back ``years_back`` years.
    """

    years_back: int = 0
    year: int | None = None
    """A year the text names ("the 1988 period"): that year's quarter of the same number."""


@dataclass(frozen=True, slots=True)
class QuarterEnding:
    """A report's quarter named by the day it ended ("the quarter ended Sept. 30").

    With an ordinal ("the fourth quarter ended Sept. 30") the number is the company's own
    (fiscal) one, in the year the quarter ended; without, it is the calendar quarter most of
    the three months fell in. The year of the end day comes from the anchor, like "Sept. 30";
    a quarter that "ended" is over, so its last day is the anchor's at the latest.
    """

    month: int
    day: int
    year: int | None = None
    number: int | None = None
    ended: bool = False


@dataclass(frozen=True, slots=True)
class Anaphor:
    """The ``unit`` holding the date the narrative last set: "that year", "that quarter"; unit
    "period" is the date itself, at its own granularity ("until then")."""

    unit: str


@dataclass(frozen=True, slots=True)
class RangeEnd:
    """The last day of a range written with one month: the 5 of "Aug. 3 to 5", "Sept. 1-3".

    It is that day of the month of the date just before it; written anywhere else, the number
    is no date."""

    day: int


@dataclass(frozen=True, slots=True)
class DayOfMonth:
    """A day named by its number alone: "on the 15th", "by the 20th of next month".

    ``month_shift`` is what the words say of the month (0 "of this month", 1 "of next month",
    -1 "of last month"); None: the month the narrative is in, else the dateline's, the one
    before or after it as the tense points."""

    day: int
    month_shift: int | None = None


@dataclass(frozen=True, slots=True)
class BeforeChrist:
    """A year or a century before the Common Era ("500 BC", "the third century BC"). TIMEX3 writes
    them BC0500 and BC02; the timeline's calendar starts at year 1, so they name no period."""

    year: int | None = None
    century: int | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """A vague pointer at the past, present or future (TIMEX3 PAST_REF and kin)."""

    value: str


@dataclass(frozen=True, slots=True)
class Span:
    """A length of time (DURATION) or a recurrence (SET): the TIMEX3 value is already known.

    ``later``/``unit`` mark a length that may instead be a point to come: "redeemed in five
    years" told of the future is the year five years after the anchor (``later`` 5, ``unit``
    "year"); "in a year or two" (``later`` 0) is some time ahead, FUTURE_REF.
    """

    value: str
    later: int = 0
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Holiday:
    """A named day of the year ("Christmas Eve", "Thanksgiving", "Good Friday").

    Fixed on ``month``/``day``; with ``weekday``, the first such weekday on or after that day
    (Thanksgiving: the first Thursday from Nov. 22); with ``easter``, that many days from
    Easter Sunday; with ``hijri``, that (month, day) of the Islamic calendar (Eid al-Adha is
    10 Dhu al-Hijjah). ``year`` None means the year comes from the anchor, as for "June".
    """

    month: int = 1
    day: int = 1
    weekday: int | None = None
    easter: int | None = None
    year: int | None = None
    hijri: tuple[int, int] | None = None
    tod: str | None = None
    """A part of the day ("Christmas morning")."""


Value = (
    Calendar
    | WeekdayRef
    | Shift
    | ReportingQuarter
    | QuarterEnding
    | Anaphor
    | RangeEnd
    | Reference
    | Span
    | Holiday
    | DayOfMonth
    | BeforeChrist
)
