"""Merge the candidates that report the same event, order the events and give them ids.

Two candidates can only be the same event when their dates overlap, so candidates are
compared only within date *buckets*: a day (times of day fall in their day), or for coarser
mentions the days they cover (a week or a month, so "this week broke the siege" finds the
day event it describes) and their own value. Inside a bucket an inverted index from content
keys to groups finds the few groups worth scoring, using only each candidate's rarest keys,
so the work grows with the number of candidates, not with its square: it holds at 100,000
articles.

A second, stricter pass looks a few days either side of each day event for the same event
told with another date; those become one event with :class:`~timeline.model.Conflict`
entries, one per date with the articles that give it.

Ids derive from the event's own date and its most stable mention (the earliest report, by
dateline then article id), never from a counter, so adding an unrelated article changes
none of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from timeline import content
from timeline.dates import Granularity, Period
from timeline.events import Candidate
from timeline.model import Conflict, Event, EventStatus, Mention

# How much of its content weight a candidate must share with a group (the keys of its first
# members together) to join it.
SAME_EVENT = 0.25
# Fewer shared content words than this never make one event, whatever their weight.
MIN_SHARED_KEYS = 3
# Stricter, for the same event given different dates by different sources.
SAME_EVENT_OTHER_DATE = 0.6
# How far apart (days) two dates of one event may be before they are taken as two events.
CONFLICT_WINDOW = 7
# Coarse mentions look for a day event inside them only when they span at most this many days.
JOIN_SPAN = 31
# Longest posting list read per key and bucket, groups scored per candidate, members whose keys
# describe a group.
MAX_POSTING = 500
MAX_GROUPS_SCORED = 24
MAX_MEMBERS_SCORED = 6

_FAR_FUTURE = dt.date.max


@dataclass
class Group:
    """Candidates found to be one event at one date (the date of its first, finest member)."""

    number: int
    period: Period
    status: EventStatus
    members: list[Candidate] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    keys: frozenset[str] = frozenset()
    mass: float = 0.0

    def add(self, candidate: Candidate, weights: content.Weights) -> None:
        """Add a member; the first few members' keys together say what the event is about."""
        self.members.append(candidate)
        self.articles.add(candidate.article)
        if len(self.members) <= MAX_MEMBERS_SCORED:
            self.keys = self.keys | candidate.keys
            self.mass = weights.mass(self.keys)


def _bucket(period: Period) -> str:
    """The bucket a group lives in: its day for days and times, its own value when coarser."""
    if period.granularity <= Granularity.DAY:
        return period.start.isoformat()
    return period.value


@functools.lru_cache(maxsize=1 << 14)
def _buckets_to_search(period: Period) -> tuple[str, ...]:
    """Where a candidate looks for its event: its own bucket, and the days a short span covers."""
    buckets = [_bucket(period)]
    if period.granularity > Granularity.DAY and period.days <= JOIN_SPAN:
        buckets.extend(
            (period.start + dt.timedelta(days=offset)).isoformat() for offset in range(period.days)
        )
    return tuple(dict.fromkeys(buckets))


def _report_order(c: Candidate) -> tuple[dt.date, str, int]:
    return (c.reported or _FAR_FUTURE, c.article, c.mention.sentence_start)


class _Index:
    """Groups by bucket and content key: the only place candidates look for their event.

    Postings hold group numbers (a group once per member that brought the key), so counting
    the hits of a candidate is one C-level ``Counter.update`` per posting.
    """

    def __init__(self, weights: content.Weights) -> None:
        self.weights = weights
        self.postings: dict[str, dict[str, list[int]]] = defaultdict(dict)
        self.groups: dict[int, Group] = {}

    def add(self, group: Group, candidate: Candidate) -> None:
        by_key = self.postings[_bucket(group.period)]
        self.groups[group.number] = group
        number = group.number
        for k in candidate.keys:
            posting = by_key.get(k)
            if posting is None:
                by_key[k] = [number]
            else:
                posting.append(number)

    def best(
        self, candidate: Candidate, buckets: Sequence[str], threshold: float, exclude: Group | None = None
    ) -> Group | None:
        """The group ``candidate`` most clearly belongs to among ``buckets``, if any reaches ``threshold``."""
        keys = candidate.keys
        postings: list[list[int]] = []
        for bucket in buckets:
            by_key = self.postings.get(bucket)
            if by_key:
                # a word in every report of the day says nothing about which one
                postings.extend(p for p in map(by_key.get, keys) if p is not None and len(p) <= MAX_POSTING)
        if not postings:
            return None
        hits = Counter(itertools.chain.from_iterable(postings))
        ranked = (
            sorted((-n, number) for number, n in hits.items())
            if len(hits) <= MAX_GROUPS_SCORED
            else heapq.nsmallest(MAX_GROUPS_SCORED, ((-n, number) for number, n in hits.items()))
        )
        mass = self.weights.mass
        own = mass(keys) or 1.0
        article, status = candidate.article, candidate.status
        best: tuple[float, int] | None = None
        chosen: Group | None = None
        for _, number in ranked:
            group = self.groups[number]
            if group is exclude or article in group.articles or group.status != status:
                continue
            shared = keys & group.keys
            if len(shared) < MIN_SHARED_KEYS:
                continue
            score = mass(shared) / (own if own < group.mass else group.mass)
            if score >= threshold and (best is None or (score, -number) > best):
                best, chosen = (score, -number), group
        return chosen


def _sort_key(c: Candidate) -> tuple[int, dt.date, str, bool, dt.date, str, int]:
    """Finest first (so day events exist before week mentions look for them), then by report."""
    return (
        int(c.period.granularity),
        c.period.start,
        c.period.value,
        not c.explicit_dateline,
        *_report_order(c),
    )


def group_candidates(candidates: Sequence[Candidate], weights: content.Weights) -> list[Group]:
    """Candidates that tell the same event at overlapping dates, grouped."""
    index = _Index(weights)
    groups: list[Group] = []
    for candidate in sorted(candidates, key=_sort_key):
        group = index.best(candidate, _buckets_to_search(candidate.period), SAME_EVENT)
        if group is None:
            group = Group(len(groups), candidate.period, candidate.status)
            groups.append(group)
        group.add(candidate, weights)
        if len(group.members) <= MAX_MEMBERS_SCORED:
            index.add(group, candidate)
    return groups


def link_conflicts(groups: Sequence[Group], weights: content.Weights) -> list[list[Group]]:
    """Day groups that are clearly one event told with different dates, as clusters."""
    parent = list(range(len(groups)))
    span = {g.number: (g.period.start, g.period.end) for g in groups}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = _Index(weights)
    days = [g for g in groups if g.period.granularity <= Granularity.DAY]
    for g in days:
        for m in g.members[:MAX_MEMBERS_SCORED]:
            index.add(g, m)
    for g in days:
        nearby = [
            (g.period.start + dt.timedelta(days=d)).isoformat()
            for d in range(-CONFLICT_WINDOW, CONFLICT_WINDOW + 1)
            if d != 0
        ]
        lead = g.members[0]
        other = index.best(lead, nearby, SAME_EVENT_OTHER_DATE, exclude=g)
        if other is None or g.articles & other.articles:
            continue
        a, b = root(g.number), root(other.number)
        first, last = min(span[a][0], span[b][0]), max(span[a][1], span[b][1])
        if a != b and (last - first).days <= CONFLICT_WINDOW:  # no chains of near-dates
            parent[max(a, b)] = min(a, b)
            span[min(a, b)] = (first, last)
    clusters: dict[int, list[Group]] = defaultdict(list)
    for g in groups:
        clusters[root(g.number)].append(g)
    return list(clusters.values())


def _clearest(members: Sequence[Candidate], period: Period) -> Candidate:
    """The mention whose text best tells the event: explicit dateline, edited case, the event's date."""
    return max(
        members,
        key=lambda c: (
            c.explicit_dateline,
            c.text != c.text.lower(),
            c.period == period,
            -len(c.text),
            tuple(-ord(ch) for ch in c.article),
        ),
    )


def event_id(period: Period, anchor: Candidate) -> str:
    """A permalink id from the event's date and its most stable mention, never from a counter."""
    parts = [period.value, anchor.article, str(anchor.mention.sentence_start), " ".join(sorted(anchor.keys))]
    return "e-" + hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def _event(cluster: Sequence[Group]) -> Event:
    def support(g: Group) -> tuple[int, int, dt.date, int]:
        explicit = sum(1 for c in g.members if c.explicit_dateline)
        return (-len(g.articles), -explicit, g.period.start, int(g.period.granularity))

    main = min(cluster, key=support)
    members = [c for g in cluster for c in g.members]
    members.sort(key=_report_order)
    period = main.period
    anchor = min((c for c in main.members if c.period == period), key=_report_order, default=main.members[0])
    conflicts: tuple[Conflict, ...] = ()
    if len(cluster) > 1:
        conflicts = tuple(
            Conflict(g.period, tuple(sorted(g.articles))) for g in sorted(cluster, key=lambda g: g.period)
        )
    mentions: tuple[Mention, ...] = tuple(c.mention for c in members)
    text = _clearest(main.members, period).text
    return Event(event_id(period, anchor), period, text, mentions, main.status, conflicts)


def first_report(event: Event, reported: dict[str, dt.date | None]) -> tuple[dt.date, str, int]:
    """When and where the event was first reported: the earliest dateline among its mentions."""
    return min((reported.get(m.article) or _FAR_FUTURE, m.article, m.sentence_start) for m in event.mentions)


def article_keys(candidates: Iterable[Candidate]) -> dict[str, content.Keys]:
    """Every article's content keys (the union over its candidates): what word weights count."""
    keys: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        keys[c.article].update(c.keys)
    return {a: frozenset(k) for a, k in keys.items()}


def merge_events(candidates: Sequence[Candidate]) -> tuple[Event, ...]:
    """One event per thing that happened, each with every mention, in timeline order.

    Order: by start, then finer granularity first, then by first report (earliest dateline).
    """
    weights = content.Weights.of(article_keys(candidates).values())
    groups = group_candidates(candidates, weights)
    events = [_event(cluster) for cluster in link_conflicts(groups, weights)]
    reported = {c.article: c.reported for c in candidates}
    events.sort(key=lambda e: (e.period.start, e.period.granularity, first_report(e, reported), e.id))
    return tuple(events)
