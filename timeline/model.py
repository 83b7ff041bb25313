"""The plain data the pipeline passes between its stages.

Every record is frozen. Offsets always index an article's ``raw`` text: the file as stored,
decoded, with nothing stripped, so a citation can be traced back to the bytes on disk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from timeline.dates import Granularity, Period

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
DatelineOrigin = Literal["explicit", "inferred", "none"]
EventStatus = Literal["happened", "expected", "ongoing"]


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text and, where possible, resolved.

    ``value`` is the TIMEX3 value ("2017-09-05", "P3Y", "PAST_REF", "XXXX-06" when there was
    no anchor to resolve against). ``period`` is the calendar span of a resolved DATE or
    TIME and ``None`` otherwise. ``rule`` names the grammar rule that matched; ``anchor``
    says what the value was resolved against ("dateline", "previous date") and
    ``explanation`` says how, in words a reader understands.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    rule: str
    period: Period | None = None
    mod: str | None = None
    anchor: str | None = None
    explanation: str = ""

    @property
    def granularity(self) -> Granularity | None:
        return self.period.granularity if self.period else None

    @property
    def first_day(self) -> dt.date | None:
        return self.period.start if self.period else None

    @property
    def last_day(self) -> dt.date | None:
        return self.period.end if self.period else None


@dataclass(frozen=True, slots=True)
class Dateline:
    """An article's publication date and how it was obtained.

    ``origin`` is "explicit" when the date was written somewhere (``where`` says: metadata,
    front matter, header, wire dateline, file name), "inferred" when it was reasoned out of the
    corpus (``evidence`` holds the reasons as sentences), "none" when neither worked.
    """

    date: dt.date | None
    origin: DatelineOrigin
    where: str | None = None
    evidence: tuple[str, ...] = ()


NO_DATELINE = Dateline(None, "none")


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from disk.

    ``raw`` is the whole decoded file; ``body_start``/``body_end`` delimit the article text
    inside it (after a header block or front matter). ``path`` is relative to the articles
    folder, with "/" separators; for JSON Lines it is "file.jsonl#N".
    """

    id: str
    path: str
    raw: str
    body_start: int
    body_end: int
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    dateline: Dateline = NO_DATELINE
    format: str = "text"

    @property
    def body(self) -> str:
        return self.raw[self.body_start : self.body_end]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: offsets into the article's raw text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """One article's report of an event: the sentence and the expression that dates it."""

    article: str
    sentence_start: int
    sentence_end: int
    sentence: str
    timex: Timex

    @property
    def expression(self) -> str:
        return self.timex.text

    @property
    def start(self) -> int:
        return self.timex.start

    @property
    def end(self) -> int:
        return self.timex.end

    @property
    def value(self) -> str:
        return self.timex.value


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that date what is clearly the same event differently."""

    period: Period
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is expected, or holds since a date), once, with its reports."""

    id: str
    period: Period
    text: str
    mentions: tuple[Mention, ...]
    status: EventStatus = "happened"
    conflicts: tuple[Conflict, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.article, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input file, said so a person can act on it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What one article yields: its sentences and the temporal expressions in it."""

    article: Article
    sentences: tuple[Sentence, ...]
    timexes: tuple[Timex, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """The result of a build: articles with their datelines, events in timeline order."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    analyses: tuple[ArticleAnalysis, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)
