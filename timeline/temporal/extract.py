"""Apply a grammar to text: the engine. It holds no English; the words live in ``en.py``.

Every rule runs over each sentence; overlapping matches are settled longest first (then by
priority, then leftmost), so "Tuesday night" beats "Tuesday" and "three-year siege" beats
"three". Each kept match becomes a :class:`Found`: span, type, underspecified value, the rule
that made it and the tense cue nearest to it in its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from timeline.model import Sentence
from timeline.temporal.grammar import CompiledRule, Grammar
from timeline.temporal.text import split_sentences
from timeline.temporal.values import Direction, Value


@dataclass(frozen=True)
class Found:
    """One expression as extracted: no dateline has been applied yet."""

    start: int
    end: int
    text: str
    type: str
    value: Value
    rule: str
    mod: str | None = None
    direction: Direction | None = None


@dataclass(frozen=True)
class Extraction:
    """All expressions of ``text[start:end]`` and its sentences; frozen and picklable."""

    found: tuple[Found, ...]
    sentences: tuple[Sentence, ...]


def _groups(grammar: Grammar, compiled: CompiledRule, m: object) -> dict[str, object]:
    groups: dict[str, object] = {}
    gd = m.groupdict()  # type: ignore[attr-defined]
    for name, table in compiled.tables:
        surface = gd.get(name)
        if surface is not None:
            groups[name] = grammar.normalize(table, surface)
    for name, surface in gd.items():
        if name not in groups and surface is not None:
            groups[name] = surface
    return groups


#: Tense cues of one sentence: per direction ("future" first), the cues' starts and ends.
_Cues = tuple[tuple[Direction, list[int], list[int]], ...]

# How far (characters) a tense cue may be from the expression it points.
_CUE_REACH = 150


def _cues(grammar: Grammar, text: str, sentence: Sentence) -> _Cues:
    """Every tense cue of ``sentence``, found in one pass over it."""
    found = []
    for pattern, direction in ((grammar.future_cues, "future"), (grammar.past_cues, "past")):
        starts: list[int] = []
        ends: list[int] = []
        for cue in pattern.finditer(text, sentence.start, sentence.end):
            starts.append(cue.start())
            ends.append(cue.end())
        found.append((direction, starts, ends))
    return tuple(found)  # type: ignore[return-value]


def _direction(cues: _Cues, sentence: Sentence, start: int, end: int) -> Direction | None:
    """The direction of the nearest cue within reach (bisection: linear in a long sentence)."""
    lo, hi = max(sentence.start, start - _CUE_REACH), min(sentence.end, end + _CUE_REACH)
    best: tuple[int, Direction] | None = None
    for direction, starts, ends in cues:
        i = bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            cue_start, cue_end = starts[i], ends[i]
            i += 1
            if cue_end > hi or start <= cue_start < end:
                continue
            distance = start - cue_end if cue_end <= start else cue_start - end
            # a cue before the expression usually governs it ("will meet on Tuesday")
            key = distance if cue_end <= start else distance + 40
            if best is None or key < best[0]:
                best = (key, direction)
    return best[1] if best else None


_TOKEN = re.compile(r"\w+")
# How far a match may reach left and right of the word that triggered it.
_LEFT, _RIGHT = 60, 80


def _lower(text: str) -> str:
    """``text`` lower-cased letter by letter, so that offsets into it are offsets into ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" is two letters lower-cased


def _trigger_words(
    grammar: Grammar, text: str, start: int, end: int
) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    """The words of ``text[start:end]`` that trigger rules: (start, end, the groups of rules)."""
    index, digit_groups = grammar.group_index, grammar.digit_groups
    low = _lower(text[start:end])
    first = 0
    if start > 0 and _TOKEN.fullmatch(text, start - 1, start + 1):
        # the text starts inside a word: its tail is a word of its own
        m = _TOKEN.match(low)
        word = m.group()  # type: ignore[union-attr]
        ids = digit_groups if word[0].isdecimal() else index.get(word)
        if ids:
            yield start, start + len(word), ids
        first = len(word)
    for m in grammar.trigger_words.finditer(low, first):
        word = m.group()
        ids = digit_groups if word[0].isdecimal() else index.get(word)
        if ids:
            yield start + m.start(), start + m.end(), ids


def _windows(
    grammar: Grammar, text: str, sentences: tuple[Sentence, ...]
) -> dict[int, list[tuple[int, int, int]]]:
    """Per group of rules, the (sentence, start, end) stretches around their trigger words, merged."""
    starts = [s.start for s in sentences]
    raw: dict[int, list[tuple[int, int, int]]] = {}
    if not sentences:
        return raw
    for word_start, word_end, ids in _trigger_words(grammar, text, sentences[0].start, sentences[-1].end):
        si = bisect_right(starts, word_start) - 1
        s = sentences[si]
        if word_start >= s.end:
            continue
        lo = max(s.start, word_start - _LEFT)
        hi = text.find(" ", min(s.end, word_end + _RIGHT), s.end)
        hi = s.end if hi < 0 else hi
        for i in ids:
            raw.setdefault(i, []).append((si, lo, hi))
    merged: dict[int, list[tuple[int, int, int]]] = {}
    for i, spans in raw.items():
        out: list[tuple[int, int, int]] = []
        for si, lo, hi in spans:  # already in text order
            if out and out[-1][0] == si and lo <= out[-1][2]:
                out[-1] = (si, out[-1][1], max(out[-1][2], hi))
            else:
                out.append((si, lo, hi))
        merged[i] = out
    return merged


def _apply(
    grammar: Grammar,
    order: int,
    text: str,
    spans: list[tuple[int, int, int]],
    per_sentence: dict[int, list[tuple[int, int, int, int, Found]]],
) -> None:
    """Rule number ``order`` over each (sentence, start, end) stretch: its matches, per sentence."""
    compiled = grammar.rules[order]
    rule = compiled.rule
    for si, lo, hi in spans:
        for m in compiled.finder.finditer(text, lo, hi):
            if m.end() == m.start():
                continue
            try:
                groups = _groups(grammar, compiled, m)
                value = rule.make(groups)
                mod = rule.mod(groups) if rule.mod else None
            except (KeyError, ValueError, TypeError):
                continue
            item = Found(m.start(), m.end(), m.group(), rule.type, value, rule.name, mod)
            per_sentence.setdefault(si, []).append(
                (m.end() - m.start(), rule.priority, -m.start(), -order, item)
            )


def extract_with(
    grammar: Grammar,
    text: str,
    start: int = 0,
    end: int | None = None,
    abbreviations: frozenset[str] = frozenset(),
) -> Extraction:
    """Split ``text[start:end]`` into sentences and apply every rule near its trigger words."""
    end = len(text) if end is None else end
    sentences = split_sentences(text, start, end, abbreviations)
    per_sentence: dict[int, list[tuple[int, int, int, int, Found]]] = {}
    for group, spans in _windows(grammar, text, sentences).items():
        for order in grammar.trigger_groups[group]:
            _apply(grammar, order, text, spans, per_sentence)
    found: list[Found] = []
    for si in sorted(per_sentence):
        sentence = sentences[si]
        candidates = sorted(set(per_sentence[si]), key=lambda c: c[:4], reverse=True)
        # The kept spans never overlap, so sorted by start they are sorted by end too: a new span
        # overlaps one of them only if it overlaps its neighbours there (linear in a sentence
        # dense with dates, where comparing with every kept span was quadratic).
        starts: list[int] = []
        ends: list[int] = []
        kept: list[Found] = []
        for *_, item in candidates:
            at = bisect_right(starts, item.start)
            if at and ends[at - 1] > item.start:
                continue
            if at < len(starts) and starts[at] < item.end:
                continue
            starts.insert(at, item.start)
            ends.insert(at, item.end)
            kept.insert(at, item)
        cues = _cues(grammar, text, sentence)
        for item in kept:
            direction = _direction(cues, sentence, item.start, item.end)
            found.append(
                Found(item.start, item.end, item.text, item.type, item.value, item.rule, item.mod, direction)
            )
    return Extraction(tuple(found), sentences)
