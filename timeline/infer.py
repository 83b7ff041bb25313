"""Datelines for articles that carry none, reasoned out of the corpus.

Relative dates ("on Tuesday", "this week") mean nothing without a dateline, and text pasted
from the web often has none. But news articles are rarely alone: the same event is told in
articles whose date is known, and that fixes the undated article's date within a few days.

For each undated article:

1. *Shared events.* Each of its sentences with a relative expression is compared by content
   (:mod:`timeline.content`, robust to spelling variants and tokenized text) with the events
   of the dated articles. A match says: under the right dateline, this expression resolves
   to that event's date. "a day after <the event>" said before any other date says the
   article was written a day after it.
2. *Its own expressions.* Every candidate dateline is tried by resolving the article's
   extraction against it (cheap and pure), so "on Sunday", "this week" and kin constrain it.
3. *The lead reports the newest event* (a news convention): the lead sentence's date should
   not be older than any other date the article gives. This is a soft constraint, dropped
   when nothing satisfies it.

The constraints are intersected and the earliest consistent day is chosen. Articles dated
this way count as dated in the next round (and keep their date), so chains of reports work. The evidence is
recorded as sentences a reader can check. An article without usable evidence keeps origin
"none": its relative expressions stay unresolved. Nothing here ever looks at the clock.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from timeline import content, dates, temporal
from timeline.dates import Granularity, Period
from timeline.events import Candidate, article_candidates, places_event, sentence_candidate, sentence_keys
from timeline.merge import (
    MAX_GROUPS_SCORED,
    MAX_MEMBERS_SCORED,
    MAX_POSTING,
    MIN_SHARED_KEYS,
    SAME_EVENT,
    Group,
    group_candidates,
)
from timeline.model import Article, ArticleAnalysis, Dateline, Sentence, Timex
from timeline.temporal.values import Calendar, Shift, WeekdayRef

# Days before and after a matched event's date a dateline is looked for.
DAYS_BEFORE = 7
DAYS_AFTER = 31
# Rounds of inference: articles dated in one round help date others in the next.
ROUNDS = 3
_QUOTE_WORDS = 12


@dataclass(frozen=True)
class Match:
    """A sentence of the undated article that tells a known, dated event."""

    sentence: Sentence
    group: Group
    score: float
    shift_after: Shift | None = None  # "a day after <the event>": the article is that far after it


def _known_groups(analyses: Sequence[ArticleAnalysis]) -> list[Group]:
    candidates = [c for a in analyses for c in article_candidates(a)]
    weights = content.Weights.of(c.keys for c in candidates)
    return [
        g
        for g in group_candidates(candidates, weights)
        if g.period.granularity <= Granularity.DAY and g.status == "happened"
    ]


def _pins_a_day(found: temporal.Found | None) -> bool:
    """Whether a relative expression, once anchored, names a day or a week: a usable constraint."""
    if found is None or found.type not in ("DATE", "TIME"):
        return False
    v = found.value
    if isinstance(v, WeekdayRef):
        return True
    if isinstance(v, Shift):
        return v.unit in ("day", "week", "weekend")
    return isinstance(v, Calendar) and v.year is None and v.day is not None


def _keys_told_elsewhere(group: Group, article_id: str) -> content.Keys:
    """What other articles say about the event: an article is no evidence for its own date."""
    if article_id not in group.articles:
        return group.keys
    return frozenset().union(*(c.keys for c in group.members[:MAX_MEMBERS_SCORED] if c.article != article_id))


def _first_dated(found: Sequence[temporal.Found]) -> int | None:
    for f in found:
        if f.type in ("DATE", "TIME"):
            return f.start
    return None


def _inside(items: Sequence[Timex], sentence: Sentence) -> list[Timex]:
    return [t for t in items if sentence.start <= t.start < sentence.end]


@dataclass(frozen=True)
class KnownEvents:
    """The dated articles' day events, indexed by content key once per round."""

    groups: tuple[Group, ...]
    postings: dict[str, list[Group]]
    weights: content.Weights

    @classmethod
    def of(cls, groups: Sequence[Group], weights: content.Weights) -> KnownEvents:
        postings: dict[str, list[Group]] = defaultdict(list)
        for g in groups:
            for k in g.keys:
                postings[k].append(g)
        return cls(tuple(groups), dict(postings), weights)

    def best(self, keys: content.Keys, article_id: str) -> tuple[Group, float] | None:
        """The known event a sentence (by its keys) most clearly tells, told by another article."""
        hits: Counter[int] = Counter()
        by_number: dict[int, Group] = {}
        for k in keys:
            posting = self.postings.get(k, ())
            if len(posting) > MAX_POSTING:
                continue  # a word in every report says nothing about which one
            for g in posting:
                hits[g.number] += 1
                by_number[g.number] = g
        best: tuple[Group, float] | None = None
        for number, _ in sorted(hits.items(), key=lambda h: (-h[1], h[0]))[:MAX_GROUPS_SCORED]:
            g = by_number[number]
            told = _keys_told_elsewhere(g, article_id)
            if len(keys & told) < MIN_SHARED_KEYS:
                continue
            score = content.overlap(keys, told, self.weights)
            if score >= SAME_EVENT and (best is None or score > best[1]):
                best = (g, score)
        return best


def find_matches(article: Article, extraction: temporal.Extraction, known: KnownEvents) -> list[Match]:
    """The article's sentences with a relative expression that tell a known event (best match each)."""
    unresolved = temporal.resolve(extraction, None)
    by_start = {f.start: f for f in extraction.found}
    first = _first_dated(extraction.found)
    matches = []
    for sentence in extraction.sentences:
        inside = _inside(unresolved, sentence)
        relative = [t for t in inside if t.period is None and _pins_a_day(by_start.get(t.start))]
        if not relative:
            continue
        keys = sentence_keys(article.raw, sentence, inside)
        found = known.best(keys, article.id)
        if found is None:
            continue
        lead = by_start.get(relative[0].start)
        shift = lead.value if _says_after_event(lead, first) and lead is not None else None
        assert shift is None or isinstance(shift, Shift)
        matches.append(Match(sentence, found[0], found[1], shift))
    return matches


def _says_after_event(found: temporal.Found | None, first_dated: int | None) -> bool:
    """ "a day after ..." before any other date: counted from the event it names, not a date."""
    if found is None or not isinstance(found.value, Shift) or found.start != first_dated:
        return False
    v = found.value
    return v.anchor == "previous" and v.unit in ("day", "week") and v.amount > 0


def _governing(article: Article, sentence: Sentence, timexes: Sequence[Timex]) -> Timex | None:
    candidate = sentence_candidate(article, sentence, _inside(timexes, sentence))
    return candidate.mention.timex if candidate else None


def _shift_days(shift: Shift) -> int:
    return shift.amount * (7 if shift.unit == "week" else 1)


def holds(article: Article, match: Match, timexes: Sequence[Timex], dct: dt.date) -> bool:
    """Whether, written on ``dct``, the article would date the matched sentence at the event's date."""
    event = match.group.period
    if match.shift_after is not None:
        days = dt.timedelta(days=_shift_days(match.shift_after))
        return event.start + days <= dct <= event.end + days
    t = _governing(article, match.sentence, timexes)
    return t is not None and t.period is not None and t.period.overlaps(event)


def lead_is_newest(
    article: Article, extraction: temporal.Extraction, timexes: Sequence[Timex]
) -> Timex | None:
    """The expression that would make the lead older than something else the article dates, or None."""
    if not extraction.sentences:
        return None
    lead_sentence = extraction.sentences[0]
    lead = _governing(article, lead_sentence, timexes)
    if lead is None or lead.period is None or lead.anchor != "dateline":
        return None
    for t in timexes:
        p = t.period
        if p is None or t.start < lead_sentence.end or not places_event(t):
            continue
        if p.granularity <= Granularity.WEEK and p.start > lead.period.end:
            return t
    return None


def _quote(candidate: Candidate) -> str:
    text = candidate.text.split()
    short = " ".join(text[:_QUOTE_WORDS])
    return short + (" …" if len(text) > _QUOTE_WORDS else "")


def _range(days: Sequence[dt.date]) -> str:
    if not days:
        return "on no day"
    if days[0] == days[-1]:
        return f"on {dates.weekday_date(days[0])}"
    return f"between {dates.long_date(days[0])} and {dates.long_date(days[-1])}"


def _describe(match: Match, article: Article, extraction: temporal.Extraction, fits: list[dt.date]) -> str:
    event = match.group
    others = [c for c in event.members if c.article != article.id]
    lead = min(others, key=lambda c: (not c.explicit_dateline, c.article, c.mention.sentence_start))
    where = ", ".join(sorted({c.article for c in others}))
    when = dates.weekday_date(event.period.start) if event.period.granularity <= Granularity.DAY else ""
    unresolved = _inside(temporal.resolve(extraction, None), match.sentence)
    said = next((t.text for t in unresolved if t.period is None and "X" in t.value), "")
    if match.shift_after is not None:
        return (
            f"It says '{said}' the event of {when} told in {where} ('{_quote(lead)}'), "
            f"so it was written {_range(fits)}."
        )
    return (
        f"It reports the event of {when} told in {where} ('{_quote(lead)}') as '{said}', "
        f"so it was written {_range(fits)}."
    )


def infer_one(article: Article, extraction: temporal.Extraction, known: KnownEvents) -> Dateline:
    """The dateline of one undated article from the known events, or "none" without evidence."""
    matches = find_matches(article, extraction, known)
    if not matches:
        return Dateline(None, "none")
    window: set[dt.date] = set()
    for m in matches:
        p: Period = m.group.period
        for offset in range(-DAYS_BEFORE, p.days + DAYS_AFTER):
            window.add(p.start + dt.timedelta(days=offset))
    rows = []
    for dct in sorted(window):
        timexes = temporal.resolve(extraction, dct)
        satisfied = tuple(holds(article, m, timexes, dct) for m in matches)
        breaker = lead_is_newest(article, extraction, timexes)
        rows.append((dct, satisfied, breaker))
    best_count = max(sum(s) for _, s, _ in rows)
    if best_count == 0:
        return Dateline(None, "none")
    consistent = [r for r in rows if sum(r[1]) == best_count]
    with_lead = [r for r in consistent if r[2] is None]
    chosen = (with_lead or consistent)[0]
    dct, satisfied, _ = chosen
    evidence = []
    for i, m in enumerate(matches):
        if satisfied[i]:
            fits = [r[0] for r in rows if r[1][i]]
            evidence.append(_describe(m, article, extraction, fits))
    earliest = consistent[0]
    if with_lead and earliest is not chosen and earliest[2] is not None:
        lead_text = _inside(temporal.resolve(extraction, earliest[0]), extraction.sentences[0])
        said = next((t.text for t in lead_text if places_event(t)), "")
        evidence.append(
            f"Written earlier, its lead ('{said}') would be older than '{earliest[2].text}' later in it, "
            "against the news convention that the lead reports the newest event."
        )
    elif not with_lead:
        evidence.append(
            "No such day makes its lead the newest event it reports, so that convention was set aside."
        )
    evidence.append(f"The earliest day consistent with all of this is {dates.weekday_date(dct)}.")
    return Dateline(dct, "inferred", "corpus", tuple(evidence))


def infer_datelines(
    articles: Sequence[Article], extractions: Sequence[temporal.Extraction]
) -> dict[str, Dateline]:
    """Each article's dateline: the explicit one where there is one, inferred where the corpus allows.

    ``extractions`` are in the order of ``articles``. Rounds repeat while new datelines are
    found (at most :data:`ROUNDS`), each using every dated article so far.
    """
    datelines = {a.id: a.dateline for a in articles}
    undated = [(a, x) for a, x in zip(articles, extractions, strict=True) if a.dateline.date is None]
    if not undated:
        return datelines
    for _ in range(ROUNDS):
        analyses = [
            ArticleAnalysis(replace(a, dateline=d), x.sentences, temporal.resolve(x, d.date))
            for a, x in zip(articles, extractions, strict=True)
            if (d := datelines[a.id]).date is not None
        ]
        if not analyses or not undated:
            break
        groups = _known_groups(analyses)
        signatures = [g.keys for g in groups]
        for a, x in undated:
            signatures.extend(sentence_keys(a.raw, s, ()) for s in x.sentences)
        weights = content.Weights.of(signatures)
        known = KnownEvents.of(groups, weights)
        found = {a.id: infer_one(a, x, known) for a, x in undated}
        dated = {k: v for k, v in found.items() if v.date is not None}
        if not dated:
            break
        datelines.update(dated)
        undated = [(a, x) for a, x in undated if a.id not in dated]
    return datelines
