"""Plain-text articles (``.txt``): a news-database header block, or a headline line, then the body.

Three shapes are recognised, from the first lines of the file only:

* a **header block** as news databases export it (Factiva, LexisNexis): short lines holding
  the headline, a byline, a word count ("455 words"), a date line ("6 September 2017"), the
  publication ("The Wall Street Journal") and a copyright line, before the body. The word
  count is what tells a header block from an article that merely starts with short lines;
  labelled lines ("HEADLINE:", "BYLINE:", "LENGTH:", "BODY:") are read by their label;
* a **web header**: a headline, an optional byline and a date line ("Published: 6 September
  2017 10:32 GMT") as the opening paragraph, as text copied from a news site looks;
* a **headline line**: one short line without a final full stop, followed by a blank line
  or by a wire dateline;
* front matter (``---`` first line): read as in :mod:`.markdown`;
* none of these: the body starts at the first line (the seeds' Reuters files: the lead opens with
  the wire dateline "BEIRUT (Reuters) -" and there is no headline, so ``title`` stays None;
  the site shows the lead instead of inventing a title).

The headline line and the header block are not part of the body; offsets index the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.dateline import (
    Clue,
    ImpossibleDate,
    find_wire_dateline,
    is_time_line,
    normalize_title,
    parse_date,
)
from timeline.model import Problem
from timeline.readers import markdown
from timeline.readers.assemble import Result, assemble, skip_blank

#: How far down a header block can reach, and how long its lines can be.
HEADER_MAX_LINES = 40
HEADER_MAX_LINE = 200
HEADLINE_MAX = 200

_WORD_COUNT = re.compile(r"(?:length:\s*)?\d[\d,.]*\s+words", re.IGNORECASE)
_COPYRIGHT = re.compile(r"(?:copyright\b|\(c\)|©)", re.IGNORECASE)
_COPYRIGHT_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_LABEL = re.compile(
    r"(?P<label>HEADLINE|TITLE|BYLINE|AUTHOR|SOURCE|PUBLICATION|DATE|PUBLICATION-DATE|LENGTH|BODY)\s*:\s*(?P<value>.*)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"by\s+(?P<name>\S.*)", re.IGNORECASE)
#: What web pages put around a date line: "Published: 6 September 2017 10:32 GMT".
_DATE_DECORATION = re.compile(
    r"^(?:(?:published|updated|posted|date)(?:\s+on)?\s*:?\s*)|(?:[\s,/|·-]+\d{1,2}[:.]\d{2}\b.*)$",
    re.IGNORECASE,
)
WEB_HEADER_MAX_LINES = 4


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped


def _first_lines(raw: str, limit: int) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    n = len(raw)
    while start < n and len(lines) < limit:
        end = raw.find("\n", start)
        if end == -1:
            end = n
        lines.append(_Line(start, end, raw[start:end].strip()))
        start = end + 1
    return lines


@dataclass
class _Header:
    body_start: int
    title: str | None = None
    author: str | None = None
    source: str | None = None
    date_line: str | None = None
    year_hint: int | None = None


def _header_block(raw: str) -> _Header | None:
    """The header block that opens the file, if it has one (see the module docstring)."""
    if " words" not in raw[: HEADER_MAX_LINES * HEADER_MAX_LINE].lower():
        return None  # the cheap test first: most files have no header block
    lines = _first_lines(raw, HEADER_MAX_LINES)
    block: list[_Line] = []
    for line in lines:
        if len(line.text) > HEADER_MAX_LINE:
            break
        block.append(line)
    counts = [i for i, line in enumerate(block) if _WORD_COUNT.fullmatch(line.text)]
    if not counts:
        return None
    header = _Header(body_start=0)
    labelled = _labelled(raw, block, header)
    if labelled:
        return header
    nonblank = [i for i, line in enumerate(block) if line.text]
    first = nonblank[0]
    if not (_WORD_COUNT.fullmatch(block[first].text) or _COPYRIGHT.match(block[first].text)):
        header.title = normalize_title(block[first].text)
    date_index = None
    for i in nonblank:
        if i == first and header.title:
            continue
        text = block[i].text
        if header.author is None and (m := _BYLINE.fullmatch(text)):
            header.author = normalize_title(m["name"])
        elif date_index is None and _looks_like_date(text):
            date_index, header.date_line = i, text
        elif _COPYRIGHT.match(text) and (m := _COPYRIGHT_YEAR.search(text)):
            header.year_hint = int(m[1])
    if date_index is not None:
        for line in block[date_index + 1 :]:
            if not line.text or is_time_line(line.text):
                continue
            if sum(c.isalpha() for c in line.text) >= 3 and not _WORD_COUNT.fullmatch(line.text):
                header.source = normalize_title(line.text)
            break
    copyrights = [i for i in nonblank if _COPYRIGHT.match(block[i].text)]
    last = max([counts[0], *copyrights, *([date_index] if date_index is not None else [])])
    if not copyrights:
        # Without a copyright line the header ends at the first blank line after its fields.
        blanks = [i for i, line in enumerate(block) if i > last and not line.text]
        if not blanks:
            return None
        last = blanks[0]
    header.body_start = block[last].end + 1
    return header


def _labelled(raw: str, block: list[_Line], header: _Header) -> bool:
    """Read a labelled header ("HEADLINE: ...", "BODY:"); True when the block is one."""
    found: dict[str, tuple[str, _Line]] = {}
    for line in block:
        m = _LABEL.fullmatch(line.text)
        if m:
            found.setdefault(m["label"].upper(), (m["value"].strip(), line))
    if "BODY" not in found:
        return False

    def first(*labels: str) -> str | None:
        return next((found[label][0] for label in labels if found.get(label, ("",))[0]), None)

    header.title = normalize_title(first("HEADLINE", "TITLE"))
    byline = first("BYLINE", "AUTHOR")
    header.author = normalize_title(_BYLINE.sub(r"\g<name>", byline)) if byline else None
    header.source = normalize_title(first("PUBLICATION", "SOURCE"))
    header.date_line = first("DATE", "PUBLICATION-DATE")
    if header.date_line is None:
        # LexisNexis puts the publication, then the date, above the labelled lines.
        previous = None
        for line in block:
            if _LABEL.fullmatch(line.text):
                break
            if _looks_like_date(line.text):
                header.date_line = line.text
                if header.source is None and previous is not None:
                    header.source = normalize_title(previous)
                break
            if line.text and not _COPYRIGHT.match(line.text):
                previous = line.text
    value, body_line = found["BODY"]
    # The body starts on the "BODY:" line when text follows the label there, else on the next.
    header.body_start = raw.find(value, body_line.start, body_line.end + 1) if value else body_line.end + 1
    return True


def _date_text(line: str) -> str:
    """A date line without the words and the time of day web pages put around it."""
    return _DATE_DECORATION.sub("", line).strip()


def _looks_like_date(text: str) -> bool:
    try:
        return parse_date(_date_text(text)) is not None
    except ImpossibleDate:
        return True


def _web_header(raw: str) -> _Header | None:
    """A headline, an optional byline and a date line as one opening paragraph (copied web pages).

    Only that exact shape counts: every line after the headline must be a byline, a date line
    or a time of day, so a lead paragraph is never taken for a header.
    """
    start = skip_blank(raw, 0)
    lines = _first_lines(raw[: start + WEB_HEADER_MAX_LINES * (HEADLINE_MAX + 2)], WEB_HEADER_MAX_LINES + 1)
    lines = [line for line in lines if line.start >= start]
    paragraph = []
    for line in lines:
        if not line.text:
            break
        paragraph.append(line)
    else:
        return None  # no blank line after the opening paragraph
    if not 2 <= len(paragraph) <= WEB_HEADER_MAX_LINES:
        return None
    title = paragraph[0].text
    if len(title) > HEADLINE_MAX or title[-1] in ".:;," or find_wire_dateline(title):
        return None
    header = _Header(body_start=paragraph[-1].end + 1, title=normalize_title(title))
    for line in paragraph[1:]:
        if len(line.text) > HEADLINE_MAX:
            return None
        if header.author is None and (m := _BYLINE.fullmatch(line.text)):
            header.author = normalize_title(m["name"])
        elif header.date_line is None and _looks_like_date(line.text):
            header.date_line = line.text
        elif not is_time_line(line.text):
            return None
    return header if header.date_line else None


def _headline(raw: str) -> tuple[str | None, int]:
    """A headline line opening the file, and where the text after it starts."""
    start = skip_blank(raw, 0)
    end = raw.find("\n", start)
    if end == -1:
        return None, start
    line = raw[start:end].strip()
    if not line or len(line) > HEADLINE_MAX or line[-1] in ".:;," or find_wire_dateline(raw, start, end):
        return None, start
    after = end + 1
    next_end = raw.find("\n", after)
    next_line = raw[after : len(raw) if next_end == -1 else next_end]
    if next_line.strip() and not find_wire_dateline(raw, after):
        return None, start
    return normalize_title(line), after


def read(path: str, article_id: str, raw: str) -> Result:
    """The article of a plain-text file, with a Problem for anything in it that was unusable."""
    if markdown.has_front_matter(raw):  # people put front matter in .txt files too
        return markdown.read(path, article_id, raw, fmt="text")
    problems: list[Problem] = []
    clues: list[Clue] = []
    header = _header_block(raw) or _web_header(raw)
    if header is not None:
        title, author, source, body_start = header.title, header.author, header.source, header.body_start
        if header.date_line:
            try:
                date = parse_date(_date_text(header.date_line))
            except ImpossibleDate as e:
                problems.append(Problem(path, f"the header's date line {e}; it was ignored"))
            else:
                if date is not None:
                    clues.append(Clue("header", " ".join(header.date_line.split()), date))
    else:
        author = source = None
        title, body_start = _headline(raw)
    out = assemble(
        path=path,
        article_id=article_id,
        raw=raw,
        body_start=body_start,
        fmt="text",
        clues=clues,
        title=title,
        source=source,
        author=author,
        year_hint=header.year_hint if header else None,
        year_from="the copyright line",
    )
    return [*out, *problems]
