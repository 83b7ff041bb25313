"""What every format does once it knows where the body starts: the lead's wire dateline, the
file name's date, the precedence between the dates found, and the finished :class:`Article`.

A format module finds its own header (front matter, header block, a headline line) and hands
over what it found; this module adds what is the same for all of them, so precedence is
written in one place (:func:`timeline.dateline.choose`).
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline.dateline import Clue, ImpossibleDate, choose, file_name_clue, find_wire_dateline, wire_clue
from timeline.model import Article, Dateline, Problem

Result = list[Article | Problem]


def skip_blank(raw: str, i: int) -> int:
    """The first offset at or after ``i`` that is not whitespace."""
    n = len(raw)
    while i < n and raw[i].isspace():
        i += 1
    return i


def body_end(raw: str, start: int) -> int:
    """Where the body ends: before trailing whitespace."""
    end = len(raw)
    while end > start and raw[end - 1].isspace():
        end -= 1
    return end


def assemble(
    *,
    path: str,
    article_id: str,
    raw: str,
    body_start: int,
    fmt: str,
    clues: Sequence[Clue] = (),
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    year_hint: int | None = None,
    year_from: str = "the header",
    use_file_name: bool = True,
) -> Result:
    """The article, with every problem found on the way, or only problems when there is no body."""
    out: Result = []
    found = list(clues)
    body_start = skip_blank(raw, body_start)
    end = body_end(raw, body_start)
    if body_start >= end:
        return [Problem(path, "has no article text (only a header or whitespace)")]
    file_clue = None
    if use_file_name:
        try:
            file_clue = file_name_clue(path)
        except ImpossibleDate as e:
            out.append(Problem(path, f"the file name's date {e}; it was ignored"))
    if file_clue is not None:
        found.append(file_clue)
        if year_hint is None:
            year_hint, year_from = file_clue.date.year, "the file name"
    wire = find_wire_dateline(raw, body_start, end)
    if wire is not None:
        source = source or wire.source
        try:
            clue = wire_clue(wire, year_hint, year_from)
        except ImpossibleDate as e:
            out.append(Problem(path, f"the wire dateline's date {e}; it was ignored"))
            clue = None
        if clue is not None:
            found.append(clue)
    dateline = choose(found)
    if dateline.origin == "none" and wire is not None and wire.written_date and wire.year is None:
        dateline = Dateline(
            None, "none", None, (f"The wire dateline says {wire.written_date} but gives no year.",)
        )
    article = Article(
        id=article_id,
        path=path,
        raw=raw,
        body_start=body_start,
        body_end=end,
        title=title,
        source=source,
        url=url,
        author=author,
        dateline=dateline,
        format=fmt,
    )
    return [article, *out]
