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

*Replaying a merge.* Under ``mkdocs serve`` one edited article should not cost a merge of the
whole corpus. :class:`MergeMemo` keeps what the last merge decided: for each candidate, the
group it joined (named by the group's first member); for each day event, the event it was
linked to as a conflict; each event built. The next merge replays a decision without scoring
again when nothing it depended on can have changed: the candidate is the same object, none of
its keys changed weight, and none of the buckets it searched is *dirty*. A bucket is dirty when
a candidate that went there was removed, when one of the keys its groups hold changed weight,
or, as the merge proceeds in its fixed order, when a candidate's decision about it came out
differently. So the result is the one a full merge gives, byte for byte; only the work is
smaller, and bucket postings are indexed only where something has to be scored again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import heapq
import itertools
import operator
from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from timeline import content
from timeline.dates import Granularity, Period, is_fiscal
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


class Group:
    """Candidates found to be one event at one date (the date of its first, finest member).

    ``number`` orders groups by when their first member was merged; only the order matters.
    ``keys`` (the first few members' keys together: what the event is about) and ``mass``
    are computed when first asked for, since a replayed merge never scores most groups.
    A plain class with slots: a merge makes one per event, and a replay makes them all again.
    """

    __slots__ = ("_keys", "_mass", "articles", "bucket", "members", "number", "period", "status", "weights")

    def __init__(
        self,
        number: int,
        period: Period,
        status: EventStatus,
        weights: content.Weights | None = None,
        bucket: str | None = None,
    ) -> None:
        self.number = number
        self.period = period
        self.status = status
        self.weights = weights
        self.members: list[Candidate] = []
        self.articles: set[str] = set()
        self.bucket = _bucket(period) if bucket is None else bucket
        self._keys: frozenset[str] | None = None
        self._mass: float | None = None

    def __repr__(self) -> str:
        return f"Group({self.number}, {self.period.value!r}, {len(self.members)} members)"

    def add(self, candidate: Candidate, weights: content.Weights | None = None) -> None:
        """Add a member; the first few members' keys together say what the event is about."""
        self.members.append(candidate)
        self.articles.add(candidate.article)
        if weights is not None:
            self.weights = weights
        if len(self.members) <= MAX_MEMBERS_SCORED:
            self._keys = self._mass = None

    @property
    def founder(self) -> Candidate:
        return self.members[0]

    @property
    def keys(self) -> frozenset[str]:
        if self._keys is None:
            self._keys = frozenset().union(*(m.keys for m in self.members[:MAX_MEMBERS_SCORED]))
        return self._keys

    @property
    def mass(self) -> float:
        if self._mass is None:
            assert self.weights is not None
            self._mass = self.weights.mass(self.keys)
        return self._mass


@functools.lru_cache(maxsize=1 << 16)
def _bucket(period: Period) -> str:
    """The bucket a group lives in: its day for days and times, its own value when coarser."""
    if period.granularity <= Granularity.DAY:
        return period.start.isoformat()
    if is_fiscal(period):  # a company's "1989-Q1" is not the calendar's
        return f"{period.value}/{period.end.isoformat()}"
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


@functools.lru_cache(maxsize=1 << 14)
def _nearby_days(period: Period) -> tuple[str, ...]:
    """The day buckets a day event looks in for the same event told with another date."""
    return tuple(
        (period.start + dt.timedelta(days=d)).isoformat()
        for d in range(-CONFLICT_WINDOW, CONFLICT_WINDOW + 1)
        if d != 0
    )


def _report_order(c: Candidate) -> tuple[dt.date, str, int]:
    return (c.reported or _FAR_FUTURE, c.article, c.mention.sentence_start)


class _Index:
    """Groups by bucket and content key: the only place candidates look for their event.

    Postings hold group numbers (a group once per member that brought the key), so counting
    a candidate's hits is done in C. Members are logged per bucket as they join and indexed
    only when a bucket is searched (:meth:`catch_up`): a replayed merge searches few buckets.
    """

    def __init__(self, weights: content.Weights) -> None:
        self.weights = weights
        self.postings: dict[str, dict[str, list[int]]] = defaultdict(dict)
        self.log: dict[str, list[tuple[int, Candidate]]] = defaultdict(list)
        self.indexed: dict[str, int] = defaultdict(int)
        self.groups: dict[int, Group] = {}
        self.waiting: dict[str, list[Group]] = defaultdict(list)

    def add(self, group: Group, candidate: Candidate) -> None:
        self.groups[group.number] = group
        self.log[group.bucket].append((group.number, candidate))

    def add_group(self, group: Group) -> None:
        """Add a group as it is now, its members logged only when its bucket is first searched:
        for a grouping that is done, where most buckets are never searched."""
        self.groups[group.number] = group
        self.waiting[group.bucket].append(group)

    def catch_up(self, bucket: str) -> None:
        waiting = self.waiting.pop(bucket, None)
        if waiting:
            log = self.log[bucket]
            for group in waiting:
                log.extend((group.number, m) for m in group.members[:MAX_MEMBERS_SCORED])
        entries = self.log.get(bucket)
        done = self.indexed[bucket]
        if entries is None or done == len(entries):
            return
        by_key = self.postings[bucket]
        for number, candidate in entries[done:]:
            for k in candidate.keys:
                posting = by_key.get(k)
                if posting is None:
                    by_key[k] = [number]
                else:
                    posting.append(number)
        self.indexed[bucket] = len(entries)

    def best(
        self, candidate: Candidate, buckets: Sequence[str], threshold: float, exclude: Group | None = None
    ) -> Group | None:
        """The group ``candidate`` most clearly belongs to among ``buckets``, if any reaches ``threshold``."""
        keys = candidate.keys
        postings: list[list[int]] = []
        for bucket in buckets:
            self.catch_up(bucket)
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
            group_mass = group.mass
            score = mass(shared) / (own if own < group_mass else group_mass)
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


class MergeMemo:
    """What one merge decided, for the next merge of nearly the same candidates to replay.

    Candidates are recognised by identity (the pipeline hands an unchanged article's
    candidates over as the same objects), so the memo keeps the last merge's candidates alive.
    See the module docstring for when a decision is replayed.
    """

    def __init__(self) -> None:
        self.order: list[Candidate] = []
        self.joined: dict[int, Candidate] = {}  # id(candidate) -> first member of its group
        self.where: dict[int, tuple[str, tuple[str, ...]]] = {}  # id(candidate) -> bucket, searched
        self.bucket_keys: dict[str, frozenset[str]] = {}
        self.weights: Mapping[str, int] = {}
        self.linked: dict[int, Candidate | None] = {}  # id(first member) -> first member linked to
        self.events: dict[tuple[int, ...], Event] = {}
        self.event_order: dict[int, tuple[object, ...]] = {}  # id(event) -> its sort key
        self.counted = content.WeightsMemo()
        """The word weights, counted again only for the articles whose keys changed."""
        self.replayed = 0
        """How many decisions the last merge took over without scoring (for tests and --verbose)."""


def _where(candidate: Candidate) -> tuple[str, tuple[str, ...]]:
    """A candidate's own bucket and the buckets it searches."""
    return _bucket(candidate.period), _buckets_to_search(candidate.period)


def changed_weights(old: Mapping[str, int], new: Mapping[str, int]) -> frozenset[str]:
    """The keys whose weight differs between two tables (or that only one has)."""
    if old is new or old == new:
        return frozenset()
    return frozenset(k for k, w in new.items() if old.get(k) != w) | (old.keys() - new.keys())


class _Replay:
    """The state of one merge against a memo: which buckets are dirty, which keys changed weight."""

    def __init__(self, memo: MergeMemo | None, candidates: Sequence[Candidate], weights: content.Weights):
        self.dirty: set[str] = set()
        self.changed: frozenset[str] = frozenset()
        self.joined: dict[int, Candidate] = {}
        self.where: dict[int, tuple[str, tuple[str, ...]]] = {}
        self.removed: set[int] = set()
        if memo is None or not memo.order:
            self.order = sorted(candidates, key=_sort_key)
            return
        self.changed = changed_weights(memo.weights, weights.table)
        if self.changed:
            self.dirty.update(b for b, keys in memo.bucket_keys.items() if not keys.isdisjoint(self.changed))
        # by identity and in C: an edit replaces a few candidates among all of them
        present, before = set(map(id, candidates)), set(map(id, memo.order))
        removed, added = before - present, present - before
        kept = list(memo.order)
        if removed:
            gone = list(map(removed.__contains__, map(id, memo.order)))
            for c in itertools.compress(memo.order, gone):  # the bucket it went to is not what it was
                self.dirty.add(_bucket(memo.joined[id(c)].period))
            kept = list(itertools.compress(memo.order, map(operator.not_, gone)))
        fresh = list(itertools.compress(candidates, map(added.__contains__, map(id, candidates))))
        if len(fresh) > len(kept) // 4:
            self.order = sorted(candidates, key=_sort_key)
        else:
            self.order = kept
            for c in fresh:
                insort(self.order, c, key=_sort_key)
        self.joined = memo.joined
        self.where = memo.where
        self.removed = removed

    def decided(self, candidate: Candidate, founder: Candidate) -> None:
        """Record a decision that was scored: where it differs from last time, both buckets are dirty."""
        before = self.joined.get(id(candidate))
        if before is not founder:
            self.dirty.add(_bucket(founder.period))
            if before is not None:
                self.dirty.add(_bucket(before.period))


def group_candidates(
    candidates: Sequence[Candidate], weights: content.Weights, memo: MergeMemo | None = None
) -> list[Group]:
    """Candidates that tell the same event at overlapping dates, grouped.

    With ``memo``, decisions of the last merge are replayed where nothing they depended on
    changed, and the memo is updated with this merge's decisions.
    """
    return _group(candidates, weights, memo)[0]


def _group(
    candidates: Sequence[Candidate], weights: content.Weights, memo: MergeMemo | None
) -> tuple[list[Group], _Replay]:
    replay = _Replay(memo, candidates, weights)
    index = _Index(weights)
    groups: list[Group] = []
    by_founder: dict[int, Group] = {}
    # the last decisions, copied (the memo keeps its own until the end) and updated where they change
    joined = dict(replay.joined)
    where = dict(replay.where)
    dirty, changed = replay.dirty, replay.changed
    replayed = 0
    for candidate in replay.order:
        key = id(candidate)
        place = where.get(key)
        if place is None:
            place = where[key] = _where(candidate)
        bucket, buckets = place
        founder = joined.get(key)
        if (
            founder is not None
            and (not changed or candidate.keys.isdisjoint(changed))
            and (not dirty or dirty.isdisjoint(buckets))
        ):
            replayed += 1
            group = by_founder[id(founder)] if founder is not candidate else None
        else:
            group = index.best(candidate, buckets, SAME_EVENT)
            founder = group.members[0] if group is not None else candidate
            replay.decided(candidate, founder)
            joined[key] = founder
        if group is None:
            group = Group(len(groups), candidate.period, candidate.status, weights, bucket)
            groups.append(group)
            by_founder[key] = group
        group.members.append(candidate)
        group.articles.add(candidate.article)
        if len(group.members) <= MAX_MEMBERS_SCORED:
            group._keys = group._mass = None
            index.add(group, candidate)
    for key in replay.removed:
        del joined[key], where[key]
    if memo is not None:
        memo.order = list(replay.order)
        memo.joined = joined
        memo.where = where
        memo.replayed = replayed
        replaying = bool(replay.joined)
        memo.bucket_keys = _bucket_keys(groups, memo.bucket_keys if replaying else None, replay.dirty)
        memo.weights = weights.table
    return groups, replay


def extend_groups(
    groups: Sequence[Group], candidates: Sequence[Candidate], weights: content.Weights
) -> list[Group]:
    """``groups`` with ``candidates`` merged in after them, in their own order: each joins the
    group it belongs to (a copy: ``groups`` are left as they are) or starts one.

    For a grouping that grows by a few candidates at a time (dateline inference, round by round)
    without walking the ones already grouped again.
    """
    index = _Index(weights)
    out = list(groups)
    position: dict[int, int] = {}
    for i, g in enumerate(out):
        position[g.number] = i
        index.add_group(g)
    number = max((g.number for g in out), default=-1) + 1
    copied: set[int] = set()
    for candidate in sorted(candidates, key=_sort_key):
        group = index.best(candidate, _buckets_to_search(candidate.period), SAME_EVENT)
        if group is None:
            group = Group(number, candidate.period, candidate.status, weights)
            number += 1
            position[group.number] = len(out)
            out.append(group)
            copied.add(group.number)
        elif group.number not in copied:
            copy = Group(group.number, group.period, group.status, weights, group.bucket)
            copy.members, copy.articles = list(group.members), set(group.articles)
            out[position[group.number]] = copy
            index.groups[group.number] = copy
            copied.add(group.number)
            group = copy
        group.add(candidate)
        if len(group.members) <= MAX_MEMBERS_SCORED:
            index.add(group, candidate)
    return out


def link_conflicts(
    groups: Sequence[Group],
    weights: content.Weights,
    memo: MergeMemo | None = None,
    dirty: set[str] | None = None,
    changed: frozenset[str] = frozenset(),
) -> list[list[Group]]:
    """Day groups that are clearly one event told with different dates, as clusters.

    With ``memo`` (and the buckets a replayed grouping left ``dirty``), a day group whose
    neighbourhood is clean takes over the link it had last time.
    """
    parent = list(range(len(groups)))
    # the dates a cluster covers, by its root; a group never linked covers its own
    span: dict[int, tuple[dt.date, dt.date]] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = _Index(weights)
    days = [g for g in groups if g.period.granularity <= Granularity.DAY]
    for g in days:
        index.add_group(g)
    by_founder = {id(g.members[0]): g for g in days}
    previous = memo.linked if memo is not None and dirty is not None else {}
    linked: dict[int, Candidate | None] = {}
    for g in days:
        nearby = _nearby_days(g.period)
        lead = g.founder
        other: Group | None
        if (
            id(lead) in previous
            and lead.keys.isdisjoint(changed)
            and g.bucket not in dirty  # type: ignore[operator]
            and dirty.isdisjoint(nearby)  # type: ignore[union-attr]
        ):
            before = previous[id(lead)]
            other = by_founder[id(before)] if before is not None else None
        else:
            other = index.best(lead, nearby, SAME_EVENT_OTHER_DATE, exclude=g)
            if other is not None and g.articles & other.articles:
                other = None
        linked[id(lead)] = other.founder if other is not None else None
        if other is None:
            continue
        a, b = root(g.number), root(other.number)
        (first_a, last_a), (first_b, last_b) = (
            span.get(a) or (g.period.start, g.period.end),
            span.get(b) or (other.period.start, other.period.end),
        )
        first, last = min(first_a, first_b), max(last_a, last_b)
        if a != b and (last - first).days <= CONFLICT_WINDOW:  # no chains of near-dates
            parent[max(a, b)] = min(a, b)
            span[min(a, b)] = (first, last)
    if memo is not None:
        memo.linked = linked
    clusters: dict[int, list[Group]] = defaultdict(list)
    for g in groups:
        n = g.number
        clusters[n if parent[n] == n else root(n)].append(g)
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


def merge_events(
    candidates: Sequence[Candidate],
    memo: MergeMemo | None = None,
    keys: Iterable[content.Keys] | None = None,
) -> tuple[Event, ...]:
    """One event per thing that happened, each with every mention, in timeline order.

    Order: by start, then finer granularity first, then by first report (earliest dateline).
    ``memo`` (kept by a long-lived process between builds) makes a merge of nearly the same
    candidates replay the last one's decisions; the result is the same either way. ``keys``:
    each article's content keys, where the caller already has them (else taken from the
    candidates; see :func:`article_keys`).
    """
    documents = article_keys(candidates).values() if keys is None else keys
    weights = memo.counted.of(documents) if memo is not None else content.Weights.of(documents)
    replaying = memo is not None and bool(memo.order)
    groups, replay = _group(candidates, weights, memo)
    dirty = replay.dirty if replaying else None
    clusters = link_conflicts(groups, weights, memo, dirty, replay.changed)
    events = []
    built: dict[tuple[int, ...], Event] = {}
    before = memo.events if memo is not None and dirty is not None else {}
    for cluster in clusters:
        if len(cluster) == 1:  # most events: one group, no conflict
            key: tuple[int, ...] = (id(cluster[0].members[0]),)
            clean = dirty is not None and cluster[0].bucket not in dirty
        else:
            key = tuple(id(g.members[0]) for g in cluster)
            clean = dirty is not None and dirty.isdisjoint([g.bucket for g in cluster])
        known = before.get(key)
        if known is None or not clean:
            event = _event(cluster)
            if event == known:  # made again, the same: the same object, so its page is kept
                event = known
        else:
            event = known
        built[key] = event
        events.append(event)
    reported: dict[str, dt.date | None] | None = None  # each article's dateline, for new events
    known_order = memo.event_order if memo is not None else {}
    order: dict[int, tuple[object, ...]] = {}
    for e in events:
        sort_key = known_order.get(id(e))
        if sort_key is None:
            if reported is None:
                reported = {c.article: c.reported for c in candidates}
            sort_key = (e.period.start, e.period.granularity, first_report(e, reported), e.id)
        order[id(e)] = sort_key
    if memo is not None:
        memo.events = built
        memo.event_order = order
    events.sort(key=lambda e: order[id(e)])  # type: ignore[arg-type,return-value]
    return tuple(events)


def _bucket_keys(
    groups: Iterable[Group], before: dict[str, frozenset[str]] | None, dirty: set[str] | None
) -> dict[str, frozenset[str]]:
    """The keys the groups of each bucket hold: a change of weight in one makes the bucket dirty.

    After a replay only the dirty buckets are collected again; a clean one holds what it held.
    """
    keys: dict[str, set[str]] = defaultdict(set)
    out: dict[str, frozenset[str]] = {}
    for g in groups:
        b = g.bucket
        if before is not None and dirty is not None and b not in dirty and b in before:
            out[b] = before[b]
        else:
            keys[b].update(g.keys)
    out.update((b, frozenset(k)) for b, k in keys.items())
    return out
