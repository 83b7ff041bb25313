"""Turn an article's dated sentences into event candidates.

A sentence makes an event when a resolved DATE or TIME expression anchors it. Durations,
sets and the vague PAST_REF/PRESENT_REF/FUTURE_REF do not place an event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from timeline.dates import Period
from timeline.model import ArticleAnalysis, Mention, Timex


@dataclass(frozen=True)
class Candidate:
    """One article's dated sentence, before merging across articles."""

    period: Period
    text: str
    mention: Mention
    explicit_dateline: bool


def _places_event(timex: Timex) -> bool:
    return timex.type in ("DATE", "TIME") and timex.period is not None


def article_candidates(analysis: ArticleAnalysis) -> list[Candidate]:
    article = analysis.article
    candidates = []
    timexes = sorted(analysis.timexes, key=lambda t: t.start)
    for sentence in analysis.sentences:
        inside = [t for t in timexes if sentence.start <= t.start < sentence.end and _places_event(t)]
        if not inside:
            continue
        governing = min(inside, key=lambda t: (t.period.granularity if t.period else 99, t.start))
        text = article.raw[sentence.start : sentence.end].strip()
        mention = Mention(article.id, sentence.start, sentence.end, text, governing)
        assert governing.period is not None
        candidates.append(Candidate(governing.period, text, mention, article.dateline.origin == "explicit"))
    return candidates


def all_candidates(analyses: Iterable[ArticleAnalysis]) -> list[Candidate]:
    return [c for a in analyses for c in article_candidates(a)]
