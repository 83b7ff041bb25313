"""The metadata fields an article can be given (front matter, JSON Lines, the metadata file).

All three places use the same names, ``title``, ``date``, ``source``, ``url``, ``author``
(and ``id`` in JSON Lines), and the same checks, so they live here once. A value that cannot
be used becomes a message for a :class:`~timeline.model.Problem` and is left out; the rest of
the article is still read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from timeline.dateline import ImpossibleDate, normalize_title, parse_date

_URL_SCHEMES = ("http://", "https://")
_NOT_IN_URLS = re.compile(r"[\s\"'<>`\\]")  # never in a well-formed address; escaped if needed


@dataclass(frozen=True)
class Fields:
    """Metadata given for one article; ``date_written`` is the date as the user wrote it."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    id: str | None = None
    date: dt.date | None = None
    date_written: str | None = None


def _text(name: str, value: object, problems: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.append(f"{name} must be text, not {type(value).__name__}; it was ignored")
        return None
    return normalize_title(str(value))


def from_mapping(data: Mapping[str, object], where: str) -> tuple[Fields, list[str]]:
    """The usable fields of ``data`` and a message for each field that is not usable.

    ``where`` names the place in the messages ("front matter"); empty when the path says it.
    """
    problems: list[str] = []
    title = _text("title", data.get("title"), problems)
    source = _text("source", data.get("source"), problems)
    author = _text("author", data.get("author"), problems)
    ident = _text("id", data.get("id"), problems)
    url = _text("url", data.get("url"), problems)
    if url is not None and not url.lower().startswith(_URL_SCHEMES):
        problems.append(f"url {url[:80]!r} is not an http(s) address; it was ignored")
        url = None
    elif url is not None and _NOT_IN_URLS.search(url):
        problems.append(f"url {url[:80]!r} holds spaces, quotes or angle brackets; it was ignored")
        url = None
    date, written = None, None
    raw_date = data.get("date")
    if isinstance(raw_date, dt.datetime):
        date, written = raw_date.date(), raw_date.isoformat()
    elif isinstance(raw_date, dt.date):
        date, written = raw_date, raw_date.isoformat()
    elif isinstance(raw_date, str) and raw_date.strip():
        written = " ".join(raw_date.split())
        try:
            date = parse_date(written)
        except ImpossibleDate:
            problems.append(f"date {written[:80]!r} is not a real date; it was ignored")
        else:
            if date is None:
                problems.append(
                    f"date {written[:80]!r} is not a date in a form we read "
                    "(write 2017-09-06 or 6 September 2017); it was ignored"
                )
    elif raw_date is not None and raw_date != "":
        problems.append(f"date must be text like 2017-09-06, not {type(raw_date).__name__}")
    if where:
        problems = [p if p.startswith(f"{where}:") else f"{where}: {p}" for p in problems]
    fields = Fields(title, source, url, author, ident, date, written if date else None)
    return fields, problems
