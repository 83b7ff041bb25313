"""Apply a grammar to text: the engine. It holds no English; the words live in ``en.py``.

Every rule runs over each sentence; overlapping matches are settled longest first (then by
priority, then leftmost), so "Tuesday night" beats "Tuesday" and "three-year siege" beats
"three". Each kept match becomes a :class:`Found`: span, type, underspecified value, the rule
that made it and the tense cue nearest to it in its sentence.
"""

from __future__ import annotations

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


def _direction(grammar: Grammar, text: str, sentence: Sentence, start: int, end: int) -> Direction | None:
    best: tuple[int, Direction] | None = None
    for pattern, direction in ((grammar.future_cues, "future"), (grammar.past_cues, "past")):
        for cue in pattern.finditer(text, sentence.start, sentence.end):
            if start <= cue.start() < end:
                continue
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            # a cue before the expression usually governs it ("will meet on Tuesday")
            key = distance if cue.end() <= start else distance + 40
            if best is None or key < best[0]:
                best = (key, direction)  # type: ignore[assignment]
    return best[1] if best else None


def extract_with(grammar: Grammar, text: str, start: int = 0, end: int | None = None,
                 abbreviations: frozenset[str] = frozenset()) -> Extraction:
    end = len(text) if end is None else end
    sentences = split_sentences(text, start, end, abbreviations)
    found: list[Found] = []
    for sentence in sentences:
        candidates: list[tuple[int, int, int, int, Found]] = []
        for order, compiled in enumerate(grammar.rules):
            for m in compiled.regex.finditer(text, sentence.start, sentence.end):
                if m.end() == m.start():
                    continue
                rule = compiled.rule
                try:
                    groups = _groups(grammar, compiled, m)
                    value = rule.make(groups)
                    mod = rule.mod(groups) if rule.mod else None
                except (KeyError, ValueError, TypeError):
                    continue
                item = Found(m.start(), m.end(), m.group(), rule.type, value, rule.name, mod)
                candidates.append((m.end() - m.start(), rule.priority, -m.start(), -order, item))
        candidates.sort(key=lambda c: c[:4], reverse=True)
        kept: list[Found] = []
        for *_, item in candidates:
            if all(item.end <= k.start or item.start >= k.end for k in kept):
                kept.append(item)
        for item in sorted(kept, key=lambda f: f.start):
            direction = _direction(grammar, text, sentence, item.start, item.end)
            found.append(
                Found(item.start, item.end, item.text, item.type, item.value, item.rule, item.mod, direction)
            )
    return Extraction(tuple(found), sentences)
