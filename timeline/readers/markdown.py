"""Markdown articles (``.md``, ``.markdown``) with optional YAML front matter.

Front matter is the block between a first line ``---`` and the next ``---`` (or ``...``)
line, parsed with python-frontmatter's YAML handler. Fields: ``title``, ``date``, ``source``,
``url``, ``author`` (others are ignored: front matter cannot steer templates or output paths).
Values are read as plain strings (YAML's base loader), so ``date: 2017-02-30`` is reported as
an impossible date instead of failing inside the YAML library. A first ``# Heading`` line
is a headline: not part of the body, and the title unless the front matter gives one.
"""

from __future__ import annotations

import re

import yaml
from frontmatter.default_handlers import YAMLHandler

from timeline.dateline import Clue, normalize_title
from timeline.model import Problem
from timeline.readers import fields as article_fields
from timeline.readers.assemble import Result, assemble, skip_blank

_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$\n?", re.MULTILINE)
_HEADING = re.compile(r"#[ \t]+(?P<title>[^\n]+?)[ \t#]*\r?(?:\n|\Z)")
_YAML = YAMLHandler()


def _front_matter(raw: str, path: str) -> tuple[dict[str, object], int, list[Problem]]:
    """The front matter's mapping, where it ends, and any problem with it."""
    opening = _OPEN.match(raw)
    if not opening:
        return {}, 0, []
    closing = _CLOSE.search(raw, opening.end())
    if not closing:
        return {}, 0, [Problem(path, "front matter opened with '---' is never closed; read as text")]
    text = raw[opening.end() : closing.start()]
    try:
        data = _YAML.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        return (
            {},
            closing.end(),
            [Problem(path, f"front matter is not valid YAML{line}: {reason}; it was ignored")],
        )
    if data is None:
        return {}, closing.end(), []
    if not isinstance(data, dict):
        return {}, closing.end(), [Problem(path, "front matter is not a mapping of fields; it was ignored")]
    return data, closing.end(), []


def has_front_matter(raw: str) -> bool:
    """Whether the text opens with a front matter block (plain-text files may have one too)."""
    return _OPEN.match(raw) is not None


def read(path: str, article_id: str, raw: str, fmt: str = "markdown") -> Result:
    """The article of a Markdown file, with a Problem for anything in it that was unusable."""
    data, body_start, problems = _front_matter(raw, path)
    fields, messages = article_fields.from_mapping(data, "front matter")
    problems += [Problem(path, m) for m in messages]
    clues = [Clue("front matter", fields.date_written or "", fields.date)] if fields.date else []
    title = fields.title
    heading = _HEADING.match(raw, skip_blank(raw, body_start))
    if heading:  # a headline, like a plain-text file's: not body, the title unless one is given
        title, body_start = title or normalize_title(heading["title"]), heading.end()
    out = assemble(
        path=path,
        article_id=article_id,
        raw=raw,
        body_start=body_start,
        fmt=fmt,
        clues=clues,
        title=title,
        source=fields.source,
        url=fields.url,
        author=fields.author,
    )
    return [*out, *problems]
