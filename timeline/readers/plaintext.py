"""Plain-text articles: an optional headline line, an optional header block, then the body."""

from __future__ import annotations

import datetime as dt
import re

from timeline.model import Article, Dateline

_DAY_MONTH_YEAR = re.compile(
    r"^\s*(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{4})\s*$",
    re.MULTILINE,
)
_MONTHS = [
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


def read(path: str, article_id: str, raw: str) -> list[Article]:
    title = None
    body_start = 0
    dateline = Dateline(None, "none")
    header = _header_block(raw)
    if header is not None:
        title = raw[: raw.index("\n")].strip() or None
        body_start = header
        found = _DAY_MONTH_YEAR.search(raw, 0, header)
        if found:
            date = dt.date(int(found[3]), _MONTHS.index(found[2]) + 1, int(found[1]))
            dateline = Dateline(date, "explicit", "header", (f"The header says {found[0].strip()}.",))
    while body_start < len(raw) and raw[body_start] in "\r\n":
        body_start += 1
    return [Article(article_id, path, raw, body_start, len(raw), title=title, dateline=dateline)]


def _header_block(raw: str) -> int | None:
    """Where the body starts when the file opens with a short-lined header block, else None."""
    lines = raw.split("\n")
    offset = 0
    for i, line in enumerate(lines[:20]):
        if line.lower().startswith("copyright"):
            return offset + len(line) + 1
        offset += len(line) + 1
        if i and len(line) > 200:
            return None
    return None
