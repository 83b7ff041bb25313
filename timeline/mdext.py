"""A Python-Markdown extension: a fenced ```timeline block renders a timeline, or a slice of it.

    ```timeline
    articles: seeds
    from: 2017-09-01
    to: 2017-09-30
    source: Reuters
    limit: 20
    ```

``articles`` is required (relative to the extension's ``base_dir``: the folder of mkdocs.yml
when the timeline plugin is on, else the working directory); ``from``/``to`` keep the events
whose period overlaps those days; ``source`` keeps events reported by that source; ``limit``
keeps the first N. Without this extension the block is an ordinary code block, so a page never
breaks. A block that cannot be used renders as a short notice and logs a warning (which fails
``mkdocs build --strict``), naming the problem.

Article text is data: every string from an article is HTML-escaped. The timeline of a folder is
built once per change of its files, not once per page: MkDocs makes a new Markdown instance
for every page, so the memo lives in this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from timeline import dates
from timeline.config import Config
from timeline.engine import EngineError
from timeline.export import source_of
from timeline.model import Event, Timeline
from timeline.pipeline import BuildError, build_timeline
from timeline.render import html_text

log = logging.getLogger("mkdocs.plugins.timeline.block")

_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*\{?\.?timeline\}?[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_KEYS = {"articles", "from", "to", "source", "limit"}


class BlockError(ValueError):
    """A ```timeline block that cannot be used; the message names the option."""


@dataclass(frozen=True)
class BlockOptions:
    """What one ```timeline block asks for."""

    articles: Path
    start: dt.date | None = None
    end: dt.date | None = None
    source: str | None = None
    limit: int | None = None


def parse_block(text: str, base_dir: Path) -> BlockOptions:
    """The block's ``key: value`` lines, checked; raises :class:`BlockError` naming the key."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise BlockError(f"not 'key: value' lines: {e}") from None
    if not isinstance(data, dict):
        raise BlockError("expected 'key: value' lines")
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise BlockError(f"unknown option {', '.join(unknown)} (use {', '.join(sorted(_KEYS))})")
    if not data.get("articles"):
        raise BlockError("'articles' (the folder of articles) is required")
    folder = Path(str(data["articles"]))
    limit = data.get("limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise BlockError(f"'limit' must be a whole number of at least 1, not {limit!r}")
    source = data.get("source")
    return BlockOptions(
        articles=(base_dir / folder).resolve(),
        start=_date(data, "from"),
        end=_date(data, "to"),
        source=None if source is None else str(source),
        limit=limit,
    )


def _date(data: dict[str, Any], key: str) -> dt.date | None:
    value = data.get(key)
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise BlockError(f"'{key}' must be a date written YYYY-MM-DD, not {value!r}") from None


def select(timeline: Timeline, options: BlockOptions) -> list[Event]:
    """The events a block shows, in timeline order."""
    articles = {a.id: a for a in timeline.articles}
    wanted = options.source.casefold() if options.source else None
    chosen = []
    for event in timeline.events:
        if options.start and event.period.end < options.start:
            continue
        if options.end and event.period.start > options.end:
            continue
        if wanted is not None and not any(
            source_of(articles[i]).casefold() == wanted for i in event.articles if i in articles
        ):
            continue
        chosen.append(event)
    return chosen[: options.limit] if options.limit else chosen


def render_block(timeline: Timeline, options: BlockOptions) -> str:
    """The block as HTML: a list of dated events with their sources, escaped."""
    articles = {a.id: a for a in timeline.articles}
    events = select(timeline, options)
    if not events:
        return '<div class="tl-block tl-empty"><p>No dated events match this timeline block.</p></div>'
    lines = ['<div class="tl-block">', '<ol class="tl-block-events">']
    for event in events:
        names = ", ".join(
            html_text(articles[i].title or articles[i].path) if i in articles else html_text(i)
            for i in event.articles
        )
        lines.append(
            f'<li class="tl-event" data-event="{html_text(event.id)}">'
            f'<time class="tl-date" datetime="{html_text(event.period.start.isoformat())}">'
            f"{html_text(dates.label(event.period))}</time> "
            f'<span class="tl-text">{html_text(event.text)}</span> '
            f'<span class="tl-sources">({names})</span></li>'
        )
    lines += ["</ol>", "</div>"]
    return "\n".join(lines)


class _TimelineMemo:
    """The last few timelines built, keyed by folder and a fingerprint of its files."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._items: OrderedDict[str, Timeline] = OrderedDict()

    def get(self, folder: Path) -> Timeline:
        key = _fingerprint(folder)
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        timeline = build_timeline(Config(project=folder.parent, articles=folder))
        self._items[key] = timeline
        while len(self._items) > self._size:
            self._items.popitem(last=False)
        return timeline


def _fingerprint(folder: Path) -> str:
    """Path, size and modification time of every file under ``folder`` (hidden ones aside)."""
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        stat = path.stat()
        digest.update(f"\0{relative.as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


_MEMO = _TimelineMemo()


class TimelineBlockPreprocessor(Preprocessor):
    """Replaces each ```timeline block with its HTML, stashed so later stages leave it alone."""

    def __init__(self, md: Markdown, base_dir: Path) -> None:
        super().__init__(md)
        self.base_dir = base_dir

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "timeline" not in text:
            return lines
        return _BLOCK.sub(self._replace, text).split("\n")

    def _replace(self, match: re.Match[str]) -> str:
        try:
            options = parse_block(match.group("body"), self.base_dir)
            if not options.articles.is_dir():
                raise BlockError(f"'articles': no folder {options.articles}")
            html = render_block(_MEMO.get(options.articles), options)
        except (BlockError, BuildError, EngineError) as e:
            log.warning("timeline block: %s", e)
            html = f'<div class="tl-block tl-error"><p>Timeline block: {html_text(e)}</p></div>'
        return "\n\n" + str(self.md.htmlStash.store(html)) + "\n\n"


class TimelineExtension(Extension):
    """Registers the ```timeline block; ``markdown_extensions: [timeline]`` in mkdocs.yml."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"base_dir": [".", "Folder that a block's relative 'articles' path starts from."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        base_dir = Path(str(self.getConfig("base_dir")))
        # Before fenced_code (25), which would otherwise turn the block into a code block.
        md.preprocessors.register(TimelineBlockPreprocessor(md, base_dir), "timeline_block", 28)


def makeExtension(**kwargs: Any) -> TimelineExtension:
    return TimelineExtension(**kwargs)
