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
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from timeline import content, dates, temporal
from timeline.dates import Granularity, Period
from timeline.events import (
    Analysed,
    Candidate,
    analyse,
    governing,
    places_event,
    sentence_keys,
)
from timeline.merge import (
    MAX_GROUPS_SCORED,
    MAX_MEMBERS_SCORED,
    MAX_POSTING,
    MIN_SHARED_KEYS,
    SAME_EVENT,
    Group,
    MergeMemo,
    changed_weights,
    extend_groups,
    group_candidates,
)
from timeline.model import Article, Dateline, Sentence, Timex
from timeline.temporal.values import Calendar, Shift, Span, WeekdayRef

# Days before and after a matched event's date a dateline is looked for.
DAYS_BEFORE = 7
DAYS_AFTER = 31
# Rounds of inference: articles dated in one round help date others in the next.
ROUNDS = 3
_QUOTE_WORDS = 12


ConstraintKind = Literal["reports", "after", "month"]


@dataclass(frozen=True)
class Constraint:
    """One thing an undated article says that limits when it can have been written.

    * ``reports``: a sentence tells a known event with a relative expression ("on Tuesday",
      "this week"); written on the right day, that expression resolves to the event's date.
    * ``after``: "a day after <a known event>": what the article tells came that long after
      the event, so it was written no earlier than that.
    * ``month``: a month named without a year in the past tense ("said in August"); news
      style names the year only for another year, so the month is one of the dateline's
      year, already begun.
    """

    kind: ConstraintKind
    sentence: Sentence
    said: str
    group: Group | None = None
    score: float = 0.0
    days: int = 0
    found_start: int = -1

    @property
    def dates_the_article(self) -> bool:
        """Whether the constraint ties the article to a known event (a month alone does not)."""
        return self.group is not None


class Analyzer:
    """How inference gets what it needs of each article: its resolution and candidates under a
    dateline, and an undated article's content keys. The pipeline passes one that remembers
    (:class:`timeline.pipeline.Memo`), so the dated articles are resolved once per build, and
    once per change under ``mkdocs serve``, however many rounds inference takes."""

    def analyse(self, article: Article, extraction: temporal.Extraction, dateline: Dateline) -> Analysed:
        return analyse(article, extraction, dateline)

    def keys_of(self, analysed: Analysed) -> content.Keys:
        """The content keys of a dated article (its candidates' together): it counts in word weights."""
        return frozenset().union(*(c.keys for c in analysed.candidates))

    def undated_keys(self, article: Article, extraction: temporal.Extraction) -> content.Keys:
        """The content keys of a whole undated article, its dates left out: it counts in word weights."""
        timexes = temporal.resolve(extraction, None)
        return frozenset().union(*(sentence_keys(article.raw, s, timexes) for s in extraction.sentences))


def _known_groups(
    candidates: Sequence[Candidate], weights: content.Weights, memo: MergeMemo | None
) -> list[Group]:
    """The day events the dated articles tell (happened, not expected): what undated ones match."""
    return [g for g in group_candidates(candidates, weights, memo) if _known(g)]


def _known(group: Group) -> bool:
    return group.period.granularity <= Granularity.DAY and group.status == "happened"


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


@dataclass(frozen=True)
class Lookup:
    """One search of the known events (:meth:`KnownEvents.best`) and what it found: the event's
    members, compared by value, and its score; or None.

    An article's constraints are what its searches found, so when each search finds again an
    equal event at the same score, inferring the article again would give what it gave."""

    keys: content.Keys
    found: tuple[tuple[Candidate, ...], float] | None


def _found(match: tuple[Group, float] | None) -> tuple[tuple[Candidate, ...], float] | None:
    return None if match is None else (tuple(match[0].members), match[1])


_SPAN_DAYS = re.compile(r"^P(\d+)([DW])$")


def event_offset(raw: str, found: temporal.Found, sentence: Sentence) -> tuple[int, int] | None:
    """For "a day after <clause>": (days after the event, where the clause starts), else None.

    The tagger may give "a day" as a duration followed by "after", or (older grammars) "a day
    after" as a shift from the previous date; either way the words that follow name an event,
    not a date, and the article's own news came that many days after it.
    """
    days: int | None = None
    v = found.value
    if found.type == "DURATION" and isinstance(v, Span) and (m := _SPAN_DAYS.match(v.value)):
        follow = _AFTER_WORD.match(raw, found.end, sentence.end)
        if follow is None:
            return None
        days, clause = int(m.group(1)) * (7 if m.group(2) == "W" else 1), follow.end()
    elif (
        isinstance(v, Shift)
        and v.anchor == "previous"
        and v.unit in ("day", "week")
        and v.amount > 0
        and _ENDS_AFTER.search(found.text)
    ):
        days, clause = v.amount * (7 if v.unit == "week" else 1), found.end
    if days is None or not _CLAUSE_WORD.match(raw, clause, sentence.end):
        return None
    return days, clause


_AFTER_WORD = re.compile(r"\s+after\s+", re.IGNORECASE)
_ENDS_AFTER = re.compile(r"\bafter$", re.IGNORECASE)
_CLAUSE_WORD = re.compile(r"\s*[^\W\d_]")
_CLAUSE_END = re.compile(r"\s[,;:]\s|[,;:](?=\s)|[.!?](?=\s|$)")


def _clause_end(raw: str, start: int, sentence: Sentence, found: Sequence[temporal.Found]) -> int:
    """Where the clause after "after" stops: punctuation, the next date, or the sentence's end."""
    end = sentence.end
    m = _CLAUSE_END.search(raw, start, end)
    if m:
        end = m.start()
    for f in found:
        if start <= f.start < end and f.type in ("DATE", "TIME"):
            end = f.start
    return end


def _past_month(found: temporal.Found) -> bool:
    """A month named alone in the past tense ("said in August"): no year, no "last"/"next"."""
    v = found.value
    return (
        found.type == "DATE"
        and found.direction == "past"
        and isinstance(v, Calendar)
        and v.month is not None
        and v.year is None
        and v.day is None
        and v.part is None
        and v.decade is None
        and v.century is None
        and v.direction is None
        and v.year_offset == 0
        and not v.year_from_anchor
    )


def find_constraints(
    article: Article, extraction: temporal.Extraction, known: KnownEvents, asked: list[Lookup] | None = None
) -> list[Constraint]:
    """Everything the article says that limits its dateline, sentence by sentence, in text order.

    ``asked`` collects each search of the known events with what it found, in order: all the
    result depends on besides the article itself.
    """

    def best(keys: content.Keys) -> tuple[Group, float] | None:
        match = known.best(keys, article.id)
        if asked is not None:
            asked.append(Lookup(keys, _found(match)))
        return match

    raw = article.raw
    unresolved = temporal.resolve(extraction, None)
    by_start = {f.start: f for f in extraction.found}
    out: list[Constraint] = []
    for sentence in extraction.sentences:
        inside_found = [f for f in extraction.found if sentence.start <= f.start < sentence.end]
        inside = _inside(unresolved, sentence)
        after_clause: tuple[int, int] | None = None
        for f in inside_found:
            offset = event_offset(raw, f, sentence)
            if offset is None:
                continue
            days, clause = offset
            end = _clause_end(raw, clause, sentence, inside_found)
            match = best(content.keys(raw[clause:end]))
            if match is not None:
                said = raw[f.start : clause].strip()
                out.append(Constraint("after", sentence, said, match[0], match[1], days, f.start))
                after_clause = (f.start, end)
                break
        relative = [t for t in inside if t.period is None and _pins_a_day(by_start.get(t.start))]
        if after_clause is not None:
            relative = [t for t in relative if not after_clause[0] <= t.start < after_clause[1]]
        if relative:
            keys = sentence_keys(raw, sentence, inside)
            if after_clause is not None:
                keys = keys - content.keys(raw[after_clause[0] : after_clause[1]])
            match = best(keys)
            if match is not None:
                said = next((t.text for t in relative if "X" in t.value), relative[0].text)
                out.append(Constraint("reports", sentence, said, match[0], match[1]))
        for f in inside_found:
            if _past_month(f):
                out.append(Constraint("month", sentence, f.text, found_start=f.start))
    return out


def _governing(article: Article, sentence: Sentence, timexes: Sequence[Timex]) -> Timex | None:
    """The expression that would date the sentence's event (as :func:`sentence_candidate` picks
    it), without building the candidate: tried for every day considered."""
    dated = [t for t in _inside(timexes, sentence) if places_event(t)]
    return governing(article.raw, sentence, dated) if dated else None


def holds(article: Article, constraint: Constraint, timexes: Sequence[Timex], dct: dt.date) -> bool:
    """Whether, written on ``dct``, the article satisfies ``constraint``."""
    if constraint.kind == "after":
        assert constraint.group is not None
        return dct >= constraint.group.period.start + dt.timedelta(days=constraint.days)
    if constraint.kind == "month":
        t = next((t for t in timexes if t.start == constraint.found_start), None)
        return t is not None and t.period is not None and t.period.start.year == dct.year
    assert constraint.group is not None
    t = _governing(article, constraint.sentence, timexes)
    return t is not None and t.period is not None and t.period.overlaps(constraint.group.period)


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


def _event_words(group: Group, article_id: str) -> str:
    """ "the event of Tuesday 5 September 2017 told in a, b ('...')": a known event, with its sources."""
    others = [c for c in group.members if c.article != article_id]
    lead = min(others, key=lambda c: (not c.explicit_dateline, c.article, c.mention.sentence_start))
    where = ", ".join(sorted({c.article for c in others}))
    return f"the event of {dates.weekday_date(group.period.start)} told in {where} ('{_quote(lead)}')"


def describe(constraint: Constraint, article_id: str, fits: Sequence[dt.date]) -> str:
    """The constraint as a sentence a reader can check against the articles."""
    if constraint.kind == "month":
        return (
            f"It says '{constraint.said}' in the past tense without a year, and news style names "
            f"the year only for another year, so it was written in that month of its own year or "
            f"later ({_range(fits)} of the days considered)."
        )
    assert constraint.group is not None
    event = _event_words(constraint.group, article_id)
    if constraint.kind == "after":
        earliest = constraint.group.period.start + dt.timedelta(days=constraint.days)
        return (
            f"It tells what came '{constraint.said}' {event}, so it was written on "
            f"{dates.weekday_date(earliest)} or later."
        )
    return f"It reports {event} as '{constraint.said}', so it was written {_range(fits)}."


def describe_set_aside(constraint: Constraint, article_id: str, fits: Sequence[dt.date]) -> str:
    """A constraint the chosen day does not satisfy, said as a clue that was weighed and not used
    (a content match can pair a sentence with the wrong known event; the reader should see it)."""
    if not fits:
        why = "Not used, as no day near it makes it true"
    else:
        why = f"Not used, as it disagrees with the rest (it would hold {_range(fits)})"
    if constraint.kind == "month":
        return f"{why}: it says '{constraint.said}' in the past tense without a year."
    assert constraint.group is not None
    event = _event_words(constraint.group, article_id)
    if constraint.kind == "after":
        return f"{why}: it seems to tell what came '{constraint.said}' {event}."
    return f"{why}: it seems to report {event} as '{constraint.said}'."


def _window(constraints: Sequence[Constraint]) -> list[dt.date]:
    days: set[dt.date] = set()
    for c in constraints:
        if c.group is None:
            continue
        p: Period = c.group.period
        for offset in range(-DAYS_BEFORE, p.days + c.days + DAYS_AFTER):
            days.add(p.start + dt.timedelta(days=offset))
    return sorted(days)


def infer_one(
    article: Article, extraction: temporal.Extraction, known: KnownEvents, asked: list[Lookup] | None = None
) -> Dateline:
    """The dateline of one undated article from the known events, or "none" without evidence.

    Every day near a known event the article tells is tried; the days that satisfy the most
    constraints (all of them, when the article is consistent) are kept, then those where the
    lead reports the newest event, and the earliest of them is chosen. ``asked``: see
    :func:`find_constraints`.
    """
    constraints = find_constraints(article, extraction, known, asked)
    if not any(c.dates_the_article for c in constraints):
        return Dateline(None, "none")
    rows = []
    for dct in _window(constraints):
        timexes = temporal.resolve(extraction, dct)
        satisfied = tuple(holds(article, c, timexes, dct) for c in constraints)
        if not any(ok and c.dates_the_article for ok, c in zip(satisfied, constraints, strict=True)):
            continue
        rows.append((dct, satisfied, lead_is_newest(article, extraction, timexes)))
    if not rows:
        return Dateline(None, "none")
    best_count = max(sum(s) for _, s, _ in rows)
    consistent = [r for r in rows if sum(r[1]) == best_count]
    with_lead = [r for r in consistent if r[2] is None]
    chosen = (with_lead or consistent)[0]
    dct, satisfied, _ = chosen
    evidence = []
    for i, c in enumerate(constraints):
        fits = [r[0] for r in rows if r[1][i]]
        if satisfied[i]:
            evidence.append(describe(c, article.id, fits))
        else:
            evidence.append(describe_set_aside(c, article.id, fits))
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


@dataclass
class _Round:
    """One round of inference as the last build ran it: its known events (by first member, with
    their members and keys) and each undated article's result with the keys it searched with.

    Known events are compared by value: an edited article's unchanged sentences give new but
    equal candidates, and an event they belong to is still the event it was."""

    groups: dict[int, tuple[Candidate, tuple[Candidate, ...], content.Keys]] = field(default_factory=dict)
    results: dict[tuple[int, int], tuple[Article, temporal.Extraction, Dateline, tuple[Lookup, ...]]] = field(
        default_factory=dict
    )


class InferMemo:
    """What inference keeps between the builds of a long-lived process (``mkdocs serve``).

    The grouping of the known events is replayed (:class:`~timeline.merge.MergeMemo`), and an
    undated article is not inferred again when its searches of the known events (each a
    :class:`Lookup`) find what they found last time. A search is made again only when one of its
    keys is *dirty*: it belongs to a known event that is new, gone or changed (other members, other
    keys, a key of another weight), or has changed weight itself; the others cannot have found
    anything else. The result is the one a build from scratch gives.
    """

    def __init__(self) -> None:
        self.grouping = MergeMemo()
        self.rounds: list[_Round] = []
        self.weights: Mapping[str, int] = {}
        self.counted = content.WeightsMemo()
        self.reused = 0
        """How many undated articles the latest build did not infer again (for tests, --verbose)."""
        self.searched_again = 0
        """How many of their searches of the known events it made again to know that."""


def _changed_keys(before: _Round | None, now: _Round, reweighted: content.Keys) -> set[str]:
    """The keys whose known events differ from the same round of the last build, and those that
    changed weight.

    Events are matched by their first member: the same object, else (an edited article's
    unchanged sentence, made again) an equal one; they differ when their members do, or when one
    of their keys changed weight (a search scores an event by the weight of all its keys).
    ``now``: this round's known events, as the next build will compare them."""
    dirty = set(reweighted)
    if reweighted:
        for _, _, keys in now.groups.values():
            if not keys.isdisjoint(reweighted):
                dirty |= keys
    previous = dict(before.groups) if before is not None else {}
    unmatched: list[tuple[Candidate, tuple[Candidate, ...], content.Keys]] = []
    for key, (founder, members, keys) in now.groups.items():
        old = previous.get(key)
        if old is None or old[0] is not founder:
            unmatched.append((founder, members, keys))
            continue
        del previous[key]
        if old[1] != members:  # equal tuples: the same objects or equal ones
            dirty |= keys | old[2]
    left = {old[0]: old for old in previous.values()}  # the few not matched by identity
    for founder, members, keys in unmatched:
        old = left.pop(founder, None)
        if old is None or old[1] != members:
            dirty |= keys
            if old is not None:
                dirty |= old[2]
    for _, _, keys in left.values():  # gone
        dirty |= keys
    return dirty


def infer_datelines(
    articles: Sequence[Article],
    extractions: Sequence[temporal.Extraction],
    analyzer: Analyzer | None = None,
    memo: InferMemo | None = None,
) -> dict[str, Dateline]:
    """Each article's dateline: the explicit one where there is one, inferred where the corpus allows.

    ``extractions`` are in the order of ``articles``. Rounds repeat while new datelines are
    found (at most :data:`ROUNDS`), each using every dated article so far. ``analyzer`` lets a
    caller share resolutions with its later stages; ``memo``, kept between the builds of a
    long-lived process, lets a rebuild infer again only what a change could affect. Neither
    changes the result.
    """
    datelines = {a.id: a.dateline for a in articles}
    undated = [(a, x) for a, x in zip(articles, extractions, strict=True) if a.dateline.date is None]
    if not undated:
        if memo is not None:
            memo.rounds, memo.reused, memo.searched_again = [], 0, 0
        return datelines
    analyzer = analyzer or Analyzer()
    memo = memo or InferMemo()
    undated_keys = [analyzer.undated_keys(a, x) for a, x in undated]
    # Word weights are fixed for every round: an article dated in one round keeps counting with
    # the words it counted with while undated, so later rounds (and the next build, under
    # `mkdocs serve`) replay the grouping of the known events instead of redoing it.
    resolved = [
        analyzer.analyse(a, x, a.dateline)
        for a, x in zip(articles, extractions, strict=True)
        if a.dateline.date is not None
    ]
    weights = memo.counted.of([*map(analyzer.keys_of, resolved), *undated_keys])
    reweighted = changed_weights(memo.weights, weights.table)
    rounds: list[_Round] = []
    reused = searched = 0
    # The known events: those of the articles dated from the start, grouped once (and replayed
    # between builds); the articles each round dates are merged into them for the next round.
    groups = _known_groups([c for done in resolved for c in done.candidates], weights, memo.grouping)
    for number in range(ROUNDS):
        if not groups or not undated:
            break
        known = KnownEvents.of(groups, weights)
        before = memo.rounds[number] if number < len(memo.rounds) else None
        now = _Round({id(g.members[0]): (g.members[0], tuple(g.members), g.keys) for g in groups})
        dirty = _changed_keys(before, now, reweighted)
        found = {}
        for a, x in undated:
            key = (id(a), id(x))
            old = before.results.get(key) if before is not None else None
            if old is not None and old[0] is a and old[1] is x:
                # a search with none of the dirty keys finds what it found; the others are made again
                again = [lookup for lookup in old[3] if not lookup.keys.isdisjoint(dirty)]
                searched += len(again)
                if all(_found(known.best(lookup.keys, a.id)) == lookup.found for lookup in again):
                    found[a.id] = old[2]
                    now.results[key] = old
                    reused += 1
                    continue
            asked: list[Lookup] = []
            found[a.id] = infer_one(a, x, known, asked)
            now.results[key] = (a, x, found[a.id], tuple(asked))
        rounds.append(now)
        dated = {k: v for k, v in found.items() if v.date is not None}
        if not dated:
            break
        datelines.update(dated)
        newly = [
            c for a, x in undated if a.id in dated for c in analyzer.analyse(a, x, dated[a.id]).candidates
        ]
        groups = [g for g in extend_groups(groups, newly, weights) if _known(g)]
        undated = [(a, x) for a, x in undated if a.id not in dated]
    memo.rounds, memo.weights, memo.reused, memo.searched_again = rounds, weights.table, reused, searched
    return datelines
