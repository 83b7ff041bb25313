"""Merge the candidates that report the same event, order the events and give them ids."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from timeline.events import Candidate
from timeline.model import Event

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "these",
        "those",
        "said",
        "says",
        "say",
        "s",
        "after",
        "before",
        "than",
        "into",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
    ]
)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2)


def _similar(a: Candidate, b: Candidate) -> bool:
    wa, wb = _words(a.text), _words(b.text)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.35


def event_id(candidate: Candidate) -> str:
    key = candidate.period.value + "\n" + " ".join(sorted(_words(candidate.text)))
    return "e-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def merge_events(candidates: Sequence[Candidate]) -> tuple[Event, ...]:
    buckets: dict[str, list[list[Candidate]]] = defaultdict(list)
    for candidate in candidates:
        groups = buckets[candidate.period.value]
        for group in groups:
            if any(_similar(candidate, other) for other in group):
                group.append(candidate)
                break
        else:
            groups.append([candidate])
    events = []
    for groups in buckets.values():
        for group in groups:
            lead = max(group, key=lambda c: (c.explicit_dateline, -len(c.text)))
            events.append(Event(event_id(lead), lead.period, lead.text, tuple(c.mention for c in group)))
    first_report = {e.id: min((m.article, m.start) for m in e.mentions) for e in events}
    events.sort(key=lambda e: (e.period.start, e.period.granularity, first_report[e.id]))
    return tuple(events)
