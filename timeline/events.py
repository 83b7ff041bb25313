"""Turn an article's dated sentences into event candidates, one per sentence at most.

A sentence tells an event when a resolved DATE or TIME expression anchors it. Durations,
sets and the vague PAST_REF/PRESENT_REF/FUTURE_REF place nothing. When a sentence holds
several dates, the event goes to the one that governs it: an expression introduced by
"since", "after", "until" ... dates background, not the sentence's own news. "since 2014"
alone makes a state that still holds (status "ongoing"); a date after the article's
dateline, or one a future cue ("will", "is expected to") governs, makes an "expected" event.

Candidates carry their content keys (:mod:`timeline.content`) so merging can compare them
without reading the text again.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from timeline import content, temporal
from timeline.dates import Period
from timeline.model import Article, ArticleAnalysis, Dateline, EventStatus, Mention, Sentence, Timex
from timeline.temporal import en

_FUTURE_CUE = re.compile(en.FUTURE_CUES, re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One article's dated sentence, before merging across articles.

    ``text`` is the event's short text (wire dateline and attribution trimmed); the mention
    keeps the whole sentence for the citation. ``reported`` is the article's dateline date.
    """

    period: Period
    text: str
    mention: Mention
    explicit_dateline: bool
    status: EventStatus = "happened"
    keys: content.Keys = frozenset()
    reported: dt.date | None = None

    @property
    def article(self) -> str:
        return self.mention.article


def places_event(timex: Timex) -> bool:
    """Whether an expression can date an event: a resolved DATE or TIME, not a vague reference."""
    return timex.type in ("DATE", "TIME") and timex.period is not None and not timex.value.endswith("_REF")


def word_before(raw: str, sentence: Sentence, timex: Timex) -> str:
    """The folded word just before ``timex`` in its sentence ("" at the sentence start)."""
    # Searched in the last few dozen characters first: every match ends where the trailing
    # non-word run begins, so a match starting inside the window is the match; the whole
    # sentence is searched only when the window may have cut the word (or holds none).
    lo = max(sentence.start, timex.start - _WORD_WINDOW)
    m = _WORD_BEFORE.search(raw, lo, timex.start)
    if lo > sentence.start and (m is None or m.start() == lo):
        m = _WORD_BEFORE.search(raw, sentence.start, timex.start)
    return content.fold(m.group(1)) if m else ""


_WORD_WINDOW = 48


def governing(raw: str, sentence: Sentence, inside: Sequence[Timex]) -> Timex:
    """The expression that dates the sentence's own news.

    Foreground expressions beat background ones ("besieged since 2014" is background when
    the sentence also says "on Tuesday"); then the finer one; then the earlier one.
    """

    def rank(t: Timex) -> tuple[bool, int, int]:
        background = word_before(raw, sentence, t) in content.BACKGROUND_BEFORE
        assert t.period is not None
        return (background, int(t.period.granularity), t.start)

    return min(inside, key=rank)


def status_of(raw: str, sentence: Sentence, timex: Timex, dateline: dt.date | None) -> EventStatus:
    """ "ongoing" for a state since a date, "expected" for a date still to come, else "happened"."""
    assert timex.period is not None
    if word_before(raw, sentence, timex) in content.ONGOING_BEFORE:
        return "ongoing"
    if dateline is not None and timex.period.start > dateline:
        return "expected"
    cue = _FUTURE_CUE.search(raw, sentence.start, timex.start)
    if cue and (dateline is None or timex.period.end >= dateline):
        return "expected"
    return "happened"


def sentence_keys(raw: str, sentence: Sentence, timexes: Iterable[Timex]) -> content.Keys:
    """The content keys of a sentence with its dates and wire dateline left out.

    Dates are left out because two reports of one event date it in their own words ("on
    Tuesday", "this week"); durations stay, since "a three-year siege" says which siege.
    """
    parts: list[str] = []
    cursor = sentence.start
    for t in sorted((t for t in timexes if t.type in ("DATE", "TIME")), key=lambda t: t.start):
        if t.start >= cursor:
            parts.append(raw[cursor : t.start])
            cursor = t.end
    parts.append(raw[cursor : sentence.end])
    return content.keys(content.trim_wire_dateline(" ".join(parts)))


def event_text(sentence_text: str) -> str:
    """The sentence as an event's text: without a wire dateline, attribution trimmed where clearer."""
    text = content.trim_wire_dateline(sentence_text)
    if text and text[0].islower() and sentence_text[:1].isupper():
        text = text[0].upper() + text[1:]
    return content.trim_attribution(text)


def sentence_candidate(article: Article, sentence: Sentence, inside: Sequence[Timex]) -> Candidate | None:
    """The event one sentence tells (``inside``: its expressions), or None when none places one."""
    dated = [t for t in inside if places_event(t)]
    if not dated:
        return None
    raw = article.raw
    anchor = governing(raw, sentence, dated)
    assert anchor.period is not None
    sentence_text = raw[sentence.start : sentence.end]
    dateline = article.dateline.date
    mention = Mention(article.id, sentence.start, sentence.end, sentence_text, anchor)
    return Candidate(
        period=anchor.period,
        text=event_text(sentence_text),
        mention=mention,
        explicit_dateline=article.dateline.origin == "explicit",
        status=status_of(raw, sentence, anchor, dateline),
        keys=sentence_keys(raw, sentence, inside),
        reported=dateline,
    )


def article_candidates(analysis: ArticleAnalysis) -> list[Candidate]:
    """The candidates of one article, in text order."""
    timexes = sorted(analysis.timexes, key=lambda t: t.start)
    starts = [t.start for t in timexes]
    out = []
    for s in analysis.sentences:
        inside = timexes[bisect_left(starts, s.start) : bisect_left(starts, s.end)]
        candidate = sentence_candidate(analysis.article, s, inside)
        if candidate is not None:
            out.append(candidate)
    return out


@dataclass(frozen=True, slots=True)
class Analysed:
    """One article resolved against a dateline, and the event candidates it yields."""

    analysis: ArticleAnalysis
    candidates: tuple[Candidate, ...]


def analyse(article: Article, extraction: temporal.Extraction, dateline: Dateline) -> Analysed:
    """The resolve and events stages for one article under ``dateline``: pure, so a long-lived
    process can remember it per article."""
    if article.dateline != dateline:
        article = replace(article, dateline=dateline)
    analysis = ArticleAnalysis(article, extraction.sentences, temporal.resolve(extraction, dateline.date))
    return Analysed(analysis, tuple(article_candidates(analysis)))


def all_candidates(analyses: Iterable[ArticleAnalysis]) -> list[Candidate]:
    """The candidates of every article, article by article."""
    return [c for a in analyses for c in article_candidates(a)]
