"""JSON Lines (``.jsonl``): one article per line, how people bring thousands at once.

Each line is an object with ``text`` (required) and optionally ``title``, ``date``, ``source``,
``url``, ``author``, ``id``. The article's ``raw`` is its ``text`` (offsets index it), its
``path`` is ``file.jsonl#N`` with N the line number, its id the sanitised ``id`` field or
``<file>-<N>``. The file is read line by line, so a large export is never held whole; each
line is subject to the same size limit as an article file. Blank lines are skipped. A bad
line is one Problem naming ``file.jsonl#N``; after :data:`MAX_LINE_PROBLEMS` of them the rest
of the file is summarised in one more Problem instead of flooding the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from timeline.dateline import Clue
from timeline.model import Article, Problem
from timeline.readers import fields as article_fields
from timeline.readers.assemble import assemble
from timeline.readers.ids import safe_id

MAX_LINE_PROBLEMS = 20


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; ``None`` for a line longer than ``limit`` bytes."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _size(limit: int) -> str:
    return f"the {limit >> 20} MB limit" if limit >= 1 << 20 else f"the {limit}-byte limit"


def read_stream(path: str, id_base: str, stream: BinaryIO, limit: int) -> Iterator[Article | Problem]:
    """The articles of a JSON Lines file, and a Problem for each line that holds none."""
    bad = 0
    for number, line in _lines(stream, limit):
        where = f"{path}#{number}"
        if line is None:
            problem: Problem | None = Problem(where, f"line is longer than {_size(limit)}; skipped")
            result: list[Article | Problem] = []
        else:
            problem, result = _read_line(where, id_base, number, line)
        if problem is not None:
            bad += 1
            if bad <= MAX_LINE_PROBLEMS:
                yield problem
            continue
        yield from result
    if bad > MAX_LINE_PROBLEMS:
        yield Problem(path, f"{bad} lines could not be read; only the first {MAX_LINE_PROBLEMS} are listed")


def _read_line(
    where: str, id_base: str, number: int, line: bytes
) -> tuple[Problem | None, list[Article | Problem]]:
    if number == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not line.strip():
        return None, []
    try:
        data = json.loads(line)
    except UnicodeDecodeError as e:
        return Problem(where, f"is not UTF-8 (byte 0x{line[e.start]:02x}); JSON Lines must be UTF-8"), []
    except json.JSONDecodeError as e:
        return Problem(where, f"is not valid JSON: {e.msg} at column {e.colno}"), []
    except RecursionError:
        return Problem(where, "is nested too deeply to be an article"), []
    if not isinstance(data, dict):
        return Problem(where, "is not a JSON object with a 'text' field"), []
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(where, "has no 'text' (the article's text is required)"), []
    fields, messages = article_fields.from_mapping(data, "")
    ident = safe_id(fields.id.lower()) if fields.id else ""
    article_id = ident or f"{id_base}-{number}"
    clues = [Clue("record", fields.date_written or "", fields.date)] if fields.date else []
    out = assemble(
        path=where,
        article_id=article_id,
        raw=text,
        body_start=0,
        fmt="jsonl",
        clues=clues,
        title=fields.title,
        source=fields.source,
        url=fields.url,
        author=fields.author,
        use_file_name=False,
    )
    return None, [*out, *(Problem(where, m) for m in messages)]
