"""The metadata file ``timeline.yml``: dates, titles and sources set by the user, per article.

People often cannot or should not edit the articles they were given. A ``timeline.yml`` at the
top of the articles folder says what the files do not, and wins over anything the files say::

    # timeline.yml: metadata for the articles in this folder (overrides the files)
    reuters-siege-broken.txt:
      date: 2017-09-05
      source: Reuters
    wires/2017.jsonl#3:          # one line of a JSON Lines file
      title: Army breaks the siege
    wsj-military-advances:       # an article id works too
      url: https://www.wsj.com/...

Keys are paths relative to the folder (``/`` separators) or article ids; fields are those of
front matter (``title``, ``date``, ``source``, ``url``, ``author``). A key that names no article
or a field that cannot be used is a Problem naming ``timeline.yml``; the file is never written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import yaml

from timeline.dateline import METADATA_FILE, Clue
from timeline.model import Article, Dateline, Problem
from timeline.readers import fields as article_fields
from timeline.readers.encoding import NotText, decode


@dataclass(frozen=True)
class Sidecar:
    """The metadata file's entries by key, and the problems found in it."""

    entries: Mapping[str, article_fields.Fields]
    problems: tuple[Problem, ...] = ()


EMPTY = Sidecar({})


def parse(data: bytes) -> Sidecar:
    """The entries of a metadata file's bytes."""
    try:
        text, _ = decode(data)
    except NotText as e:
        return Sidecar({}, (Problem(METADATA_FILE, f"{e}; it was ignored"),))
    try:
        loaded = yaml.load(text, Loader=yaml.BaseLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark is not None else ""
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        return Sidecar({}, (Problem(METADATA_FILE, f"is not valid YAML{line}: {reason}; it was ignored"),))
    if loaded is None:
        return EMPTY
    if not isinstance(loaded, dict):
        return Sidecar(
            {}, (Problem(METADATA_FILE, "must map article paths to their fields; it was ignored"),)
        )
    entries: dict[str, article_fields.Fields] = {}
    problems: list[Problem] = []
    for key, value in loaded.items():
        if not isinstance(value, dict):
            problems.append(
                Problem(METADATA_FILE, f"{key!s:.80}: expected fields (date, title, ...); ignored")
            )
            continue
        fields, messages = article_fields.from_mapping(value, str(key)[:80])
        problems += [Problem(METADATA_FILE, m) for m in messages]
        entries[str(key)] = fields
    return Sidecar(entries, tuple(problems))


def apply(article: Article, fields: article_fields.Fields) -> Article:
    """The article with the metadata file's fields put over what the file said."""
    dateline = article.dateline
    if fields.date is not None:
        clue = Clue("metadata", fields.date_written or fields.date.isoformat(), fields.date)
        evidence = [clue.evidence]
        if dateline.date is not None and dateline.date != fields.date:
            evidence += [f"{e[:-1]}, which the metadata file overrules." for e in dateline.evidence[:1]]
        dateline = Dateline(fields.date, "explicit", "metadata", tuple(evidence))
    return replace(
        article,
        title=fields.title or article.title,
        source=fields.source or article.source,
        url=fields.url or article.url,
        author=fields.author or article.author,
        dateline=dateline,
    )
