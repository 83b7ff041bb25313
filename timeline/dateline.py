"""Explicit datelines: dates, sources and places written in an article or its file name.

News text says when it was written in a handful of conventional places: the date line of a
news-database header block ("6 September 2017"), the wire dateline that opens the lead
("WASHINGTON, Sept 5 (Reuters) -", "PARIS, Sept. 5, 2017 (AFP) -", tokenized "beirut ( reuters )
-"), front matter or a metadata file set by the user, and a file name like
``2017-09-05-reuters.txt``. This module knows those conventions as data (month names, agency
names, the patterns below) and turns each finding into a :class:`Clue`; :func:`choose` then
applies the one precedence order:

    metadata > front matter, JSON record or header > wire dateline > file name

Inference from the corpus, for articles none of these date, happens later
(:mod:`timeline.infer`). Nothing here ever looks at the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from timeline.model import Dateline

# --- the conventions, as data -------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: Wire services as their names are written in a dateline, lower-cased -> how a reader knows them.
AGENCIES: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "afp": "AFP",
    "upi": "UPI",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "efe": "EFE",
    "ansa": "ANSA",
    "tass": "TASS",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "pti": "PTI",
    "cnn": "CNN",
    "bbc": "BBC",
    "ians": "IANS",
    "aa": "AA",
}

#: The metadata file a user puts in the articles folder to set dates, titles and sources
#: without editing the articles (read by :mod:`timeline.readers.sidecar`).
METADATA_FILE = "timeline.yml"

#: Where an explicit date can be written, strongest first. The names are what ``Dateline.where``
#: holds and what the site shows.
PRECEDENCE: tuple[str, ...] = ("metadata", "front matter", "record", "header", "wire dateline", "file name")

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)

#: Whole-line dates of header blocks and front matter, each with named groups.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # 6 September 2017 / Wednesday, 6 September 2017
        rf"(?:(?:{_WEEKDAY}),?\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})",
        # September 6, 2017 / Sept. 6, 2017 Wednesday / Wednesday, September 6, 2017
        rf"(?:(?:{_WEEKDAY}),?\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
        rf"(?:,?\s+(?:{_WEEKDAY}))?",
        # 2017-09-06, 2017/09/06, optionally with a time of day after it
        r"(?P<year>\d{4})[-/](?P<month_number>\d{1,2})[-/](?P<day>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?",
    )
)

#: A wire dateline at the start of a lead: place, optional date, agency in brackets, a dash.
#: Written in capitals ("BEIRUT (Reuters) -") or lower-cased and tokenized ("beirut ( reuters ) -").
WIRE_DATELINE = re.compile(
    r"[ \t]*(?P<place>[^\W\d_](?:[^\W\d]|[.'’\- ]){0,40}?"
    rf"(?:,[ \t]*(?!(?:{_MONTH})\.?[ \t]*\d)[^\W\d_](?:[^\W\d]|[.'’\- ]){{0,30}}?)?)"
    rf"(?:,[ \t]*(?P<month>{_MONTH})\.?[ \t]*(?P<day>\d{{1,2}})(?:[ \t]*,[ \t]*(?P<year>\d{{4}}))?)?"
    r"[ \t]*\([ \t]*(?P<agency>[^\W\d_][\w.&' ]{0,30}?)[ \t]*\)[ \t]*(?:-{1,2}|_|—|–)[ \t]*",
    re.IGNORECASE,
)

#: A date in a file name: 2017-09-05-reuters.txt, 2017_09_05, 20170905-afp.txt.
FILE_NAME_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<month_number>[01]\d)(?P=sep)(?P<day>[0-3]\d)(?!\d)"
)

#: Publication lines in a header block that are not a publication's name.
_TIME_LINE = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:[AP]M|GMT|UTC|[A-Z]{2,4}))?", re.IGNORECASE)


# --- what was found ------------------------------------------------------------------------------


class ImpossibleDate(ValueError):
    """A date written in the article that is not on any calendar ("30 February 2017")."""


@dataclass(frozen=True)
class Clue:
    """One explicit date found somewhere: where it was, what was written, the day it names."""

    where: str
    written: str
    date: dt.date

    @property
    def evidence(self) -> str:
        places = {
            "metadata": f"The metadata file {METADATA_FILE} says",
            "front matter": "The front matter says",
            "record": "The JSON record says",
            "header": "The header block says",
            "wire dateline": "The wire dateline says",
            "file name": "The file name says",
        }
        return f"{places[self.where]} {self.written}."


@dataclass(frozen=True)
class WireDateline:
    """A wire dateline at the start of a lead. ``end`` is where the lead's own words start."""

    start: int
    end: int
    place: str
    source: str
    written_date: str | None
    month: int | None
    day: int | None
    year: int | None


def _date(year: int, month: int, day: int, written: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ImpossibleDate(f"{written!r} is not a real date") from None


@lru_cache(maxsize=4096)  # exports repeat the same few date strings thousands of times
def parse_date(text: str) -> dt.date | None:
    """The day a whole date string names ("6 September 2017", "Sept. 5, 2017", "2017-09-05").

    ``None`` when the text is not a date in one of the known forms; :class:`ImpossibleDate`
    when it is written like a date but names no real day.
    """
    text = " ".join(text.split()).strip(" .")
    for pattern in DATE_PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            groups = m.groupdict()
            month = int(groups["month_number"]) if groups.get("month_number") else MONTHS[m["month"].lower()]
            return _date(int(m["year"]), month, int(m["day"]), text)
    return None


def find_wire_dateline(text: str, start: int = 0, end: int | None = None) -> WireDateline | None:
    """The wire dateline that opens ``text[start:end]``, if it has one.

    Only the very start is looked at: a wire dateline is the first thing of a lead, and
    looking further would take bracketed asides in the text for agencies.
    """
    end = len(text) if end is None else end
    m = WIRE_DATELINE.match(text, start, min(end, start + 160))
    if not m:
        return None
    agency = " ".join(m["agency"].split())
    source = AGENCIES.get(agency.lower())
    if source is None:
        # An unknown bracketed word after a place: accept only what looks like a name, so that
        # "He said (again) -" is not taken for a dateline.
        if not (agency[:1].isupper() and m["place"].strip().isupper() and len(agency.split()) <= 3):
            return None
        source = agency
    place = " ".join(m["place"].split()).strip(" ,")
    month = MONTHS[m["month"].lower()] if m["month"] else None
    written_date = None
    if m["month"]:
        written_date = " ".join(text[m.start("month") : m.end("year") if m["year"] else m.end("day")].split())
    return WireDateline(
        start=m.start("place"),
        end=m.end(),
        place=place,
        source=source,
        written_date=written_date,
        month=month,
        day=int(m["day"]) if m["day"] else None,
        year=int(m["year"]) if m["year"] else None,
    )


def wire_clue(wire: WireDateline, year_hint: int | None = None, year_from: str = "the file") -> Clue | None:
    """The date a wire dateline gives, when it gives a whole one.

    "Sept 5" alone names no year; it counts only with a year written elsewhere in the same
    file (``year_hint``, found in ``year_from``: the file name, a copyright line), never with
    the current year.
    """
    if wire.month is None or wire.day is None or wire.written_date is None:
        return None
    year = wire.year if wire.year is not None else year_hint
    if year is None:
        return None
    written = wire.written_date
    if wire.year is None:
        written = f"{written} (the year, {year}, from {year_from})"
    return Clue("wire dateline", written, _date(year, wire.month, wire.day, wire.written_date))


def file_name_clue(path: str) -> Clue | None:
    """The date in an article's file name (``2017-09-05-reuters.txt``), if it has one."""
    name = path.rsplit("/", 1)[-1].split("#", 1)[0]
    m = FILE_NAME_DATE.search(name)
    if not m:
        return None
    return Clue("file name", m[0], _date(int(m["year"]), int(m["month_number"]), int(m["day"]), m[0]))


def is_time_line(line: str) -> bool:
    """A header line that is only a time of day ("10:32 GMT"), not a publication's name."""
    return _TIME_LINE.fullmatch(line.strip()) is not None


_NO_DATELINE = Dateline(None, "none")


def choose(clues: Iterable[Clue]) -> Dateline:
    """The dateline the strongest clue gives, with the others kept as evidence when they disagree.

    Precedence is :data:`PRECEDENCE`; a weaker clue naming another day is reported as overruled
    so a reader can see the conflict instead of having it hidden.
    """
    ranked = sorted(clues, key=lambda c: PRECEDENCE.index(c.where))
    if not ranked:
        return _NO_DATELINE
    if len(ranked) == 1:
        return Dateline(ranked[0].date, "explicit", ranked[0].where, (ranked[0].evidence,))
    best = ranked[0]
    evidence = [best.evidence]
    for other in ranked[1:]:
        if other.date != best.date:
            evidence.append(f"{other.evidence[:-1]}, which the {best.where} overrules.")
    return Dateline(best.date, "explicit", best.where, tuple(evidence))


_CONTROLS = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], " ")


def normalize_title(text: str | None) -> str | None:
    """A title as one line with single spaces and no control characters; ``None`` for nothing."""
    if text is None:
        return None
    title = " ".join(str(text).translate(_CONTROLS).split())
    return title or None
