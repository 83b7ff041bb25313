"""Apply a grammar to text: the engine. It holds no English; the words live in ``en.py``.

Every rule runs over each sentence; overlapping matches are settled longest first (then by
priority, then leftmost), so "Tuesday night" beats "Tuesday" and "three-year siege" beats
"three". Each kept match becomes a :class:`Found`: span, type, underspecified value, the rule
that made it and the tense cue nearest to it in its sentence.

A rule is only tried near its trigger words (a match holds one), and on the text lower-cased
where its pattern finds the same there (see :mod:`timeline.temporal.triggers`): the same
matches, found much sooner.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter

from timeline.model import Sentence
from timeline.temporal.grammar import CompiledRule, Grammar
from timeline.temporal.text import split_sentences
from timeline.temporal.values import (
    Anaphor,
    BeforeChrist,
    Calendar,
    DayOfMonth,
    Direction,
    Holiday,
    QuarterEnding,
    RangeEnd,
    Reference,
    ReportingQuarter,
    Shift,
    Span,
    Value,
    WeekdayRef,
    time_suffix,
    yearless,
)


@dataclass(frozen=True, slots=True)
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
    told: bool = False
    """The direction comes from a verb of saying ("said", "announced"): it dates the report,
    not what was reported, which may still be to come."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """All expressions of ``text[start:end]`` and its sentences; frozen and picklable."""

    found: tuple[Found, ...]
    sentences: tuple[Sentence, ...]


_VALUE_KINDS: tuple[type, ...] = (
    Calendar,
    WeekdayRef,
    Shift,
    ReportingQuarter,
    QuarterEnding,
    Anaphor,
    Reference,
    Span,
    Holiday,
    RangeEnd,  # new kinds go last: the numbers are in caches already written
    DayOfMonth,
    BeforeChrist,
)
_KIND = {kind: i for i, kind in enumerate(_VALUE_KINDS)}

Packed = tuple[tuple[tuple[object, ...], ...], tuple[int, ...]]
"""An :class:`Extraction` as plain tuples of strings and numbers (see :func:`pack`)."""


def pack(extraction: Extraction) -> Packed:
    """The extraction as nested tuples of plain values, for moving it between processes and into
    the cache: three times cheaper to pickle than the records, and safe to unpickle."""
    found = tuple(
        (
            f.start,
            f.end,
            f.text,
            f.type,
            _KIND[type(f.value)],
            tuple(getattr(f.value, name) for name in f.value.__slots__),
            f.rule,
            f.mod,
            f.direction,
            f.told,
        )
        for f in extraction.found
    )
    return found, tuple(n for s in extraction.sentences for n in (s.start, s.end))


def unpack(packed: Packed) -> Extraction:
    """The extraction :func:`pack` made; ``ValueError`` if ``packed`` is not one."""
    try:
        found, bounds = packed
        records = tuple(
            Found(start, end, text, kind, _VALUE_KINDS[value_kind](*fields), rule, mod, direction, told)  # type: ignore[arg-type]
            for start, end, text, kind, value_kind, fields, rule, mod, direction, told in found
        )
        sentences = tuple(Sentence(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2))
    except (TypeError, ValueError, IndexError) as e:
        raise ValueError(f"not a packed extraction: {e}") from None
    return Extraction(records, sentences)


def _groups(grammar: Grammar, compiled: CompiledRule, m: re.Match[str], text: str) -> dict[str, object]:
    """The match's named groups that took part, read from ``text`` (``m`` may have run on it
    lower-cased) and normalized through their tables."""
    groups: dict[str, object] = {}
    spans = m.regs
    for name, number, table in compiled.slots:
        a, b = spans[number]
        if a >= 0:
            groups[name] = text[a:b] if table is None else grammar.normalize(table, text[a:b])
    return groups


#: Tense cues of one sentence: per direction ("future" first), the cues' starts and ends.
_Cues = tuple[tuple[Direction, list[int], list[int]], ...]

# How far (characters) a tense cue may be from the expression it points.
_CUE_REACH = 150


# How far past a stretch a cue's scan starts and ends, so that a cue at its edge is read as
# in the whole sentence (its lookbehinds and lookaheads see their words).
_CUE_MARGIN = 64


def _cues(grammar: Grammar, text: _Text, sentence: Sentence, kept: list[tuple[int, int]]) -> _Cues:
    """The tense cues of ``sentence`` that can point at the expressions ``kept`` (their starts and
    ends, in order): found in one pass over the stretches within reach of them, not over the
    whole sentence, so a long sentence with few dates costs what its dates do."""
    stretches: list[list[int]] = []
    for start, end in kept:
        lo = max(sentence.start, start - _CUE_REACH - _CUE_MARGIN)
        hi = min(sentence.end, end + _CUE_REACH + _CUE_MARGIN)
        if stretches and lo <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], hi)
        else:
            stretches.append([lo, hi])
    found = []
    cues = (
        (grammar.future_cues, grammar.future_cues_lower, "future"),
        (grammar.past_cues, grammar.past_cues_lower, "past"),
    )
    for pattern, lower_pattern, direction in cues:
        if text.faithful and lower_pattern is not None:
            pattern, subject = lower_pattern, text.lower
        else:
            subject = text.text
        starts: list[int] = []
        ends: list[int] = []
        for lo, hi in stretches:  # (disjoint and in order: each cue is found once)
            for cue in pattern.finditer(subject, lo, hi):
                starts.append(cue.start())
                ends.append(cue.end())
        found.append((direction, starts, ends))
    return tuple(found)  # type: ignore[return-value]


# How far before an expression an adverb of habit may stand ("is usually conducted in the"),
# with no break of clause between ("Sales, usually strong, fell in June" is one June).
_HABIT_REACH = 60
_CLAUSE_BREAK = re.compile(r"[,;:()]")
_RECURRING_PART = re.compile(r"[QH][1-4]|SP|SU|FA|WI")


def _recurrence(grammar: Grammar, text: str, sentence: Sentence, start: int, value: Value) -> Span | None:
    """Every one of a month, day, season, quarter or weekday named without a year just after an
    adverb of habit: "is usually held in June" is the SET XXXX-06, "usually arrives on Monday"
    XXXX-WXX-1; None if that is not what it is."""
    if isinstance(value, WeekdayRef):
        if (
            value.shift is not None
            or value.week is not None
            or value.weeks_after
            or value.anchor != "dateline"
        ):
            return None
    elif (
        not isinstance(value, Calendar)
        or value.year is not None
        or value.year_from_anchor
        or value.year_offset
        or value.direction is not None
        or value.fiscal
        or value.tod is not None
        or value.weekday is not None
        or value.decade is not None
        or value.century is not None
        or (value.month is None and (value.part is None or not _RECURRING_PART.fullmatch(value.part)))
    ):
        return None
    cues = list(grammar.habitual_cues.finditer(text, max(sentence.start, start - _HABIT_REACH), start))
    if not cues:
        return None
    # the nearest; "Usually, the market closes in August": a comma just after the adverb is no break
    after = cues[-1].end()
    if _CLAUSE_BREAK.search(text, after + text.startswith(",", after), start):
        return None
    if isinstance(value, WeekdayRef):
        return Span(f"XXXX-WXX-{value.weekday + 1}" + (time_suffix(value.tod) if value.tod else ""))
    return Span(yearless(value))


def _direction(cues: _Cues, sentence: Sentence, start: int, end: int) -> tuple[Direction | None, int, int]:
    """The direction of the nearest cue within reach, and where that cue is (bisection: linear
    in a long sentence)."""
    lo, hi = max(sentence.start, start - _CUE_REACH), min(sentence.end, end + _CUE_REACH)
    best: tuple[int, Direction, int, int] | None = None
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
                best = (key, direction, cue_start, cue_end)
    return (best[1], best[2], best[3]) if best else (None, 0, 0)


_TOKEN = re.compile(r"\w+")
# How far a match may reach left and right of the word that triggered it.
_LEFT, _RIGHT = 60, 80


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Text:
    """A text and the same lower-cased letter by letter (offsets into one are offsets into the other).

    ``faithful`` says whether a pattern with no upper-case letter (see ``CompiledRule.lower_finder``)
    finds the same in ``lower``, case not ignored, as in ``text``, case ignored: so it does unless
    a letter outside ASCII matches an ASCII one with case ignored but lower-cases to another
    ("ſ", "ı", "İ").
    """

    text: str
    lower: str
    faithful: bool

    @classmethod
    def of(cls, text: str) -> _Text:
        low = text.lower()
        if len(low) != len(text):  # "İ" is two letters lower-cased
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        faithful = text.isascii() or not any(
            _ASCII_LETTER.fullmatch(c) and not _ASCII_LETTER.fullmatch(c.lower())
            for c in set(_NON_ASCII.findall(text))
        )
        return cls(text, low, faithful)


def _trigger_words(
    grammar: Grammar, text: _Text, start: int, end: int
) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    """The words of ``text[start:end]`` that trigger rules: (start, end, the groups of rules)."""
    index, digit_groups = grammar.group_index, grammar.digit_groups
    low = text.lower
    if start > 0 and _TOKEN.fullmatch(low, start - 1, start + 1):
        # the text starts inside a word: its tail is a word of its own
        m = _TOKEN.match(low, start, end)
        word = m.group()  # type: ignore[union-attr]
        ids = digit_groups if word[0].isdecimal() else index.get(word)
        if ids:
            yield start, start + len(word), ids
        start += len(word)
    for m in grammar.trigger_words.finditer(low, start, end):
        word = m.group()
        ids = digit_groups if word[0].isdecimal() else index.get(word)
        if ids:
            yield m.start(), m.end(), ids


def _windows(grammar: Grammar, text: _Text, sentences: tuple[Sentence, ...]) -> dict[int, list[list[int]]]:
    """Per group of rules, the [sentence, start, end] stretches around their trigger words, merged
    (the words come in text order, so a stretch only ever grows into the next one's)."""
    starts = [s.start for s in sentences]
    merged: dict[int, list[list[int]]] = {}
    if not sentences:
        return merged
    si, s = 0, sentences[0]
    find = text.text.find
    for word_start, word_end, ids in _trigger_words(grammar, text, sentences[0].start, sentences[-1].end):
        if word_start >= s.end:
            si = bisect_right(starts, word_start) - 1
            s = sentences[si]
            if word_start >= s.end:
                continue
        lo = max(s.start, word_start - _LEFT)
        hi = find(" ", min(s.end, word_end + _RIGHT), s.end)
        hi = s.end if hi < 0 else hi
        for group in ids:
            spans = merged.get(group)
            if spans is None:
                merged[group] = [[si, lo, hi]]
                continue
            last = spans[-1]
            if last[0] == si and lo <= last[2]:
                if hi > last[2]:
                    last[2] = hi
            else:
                spans.append([si, lo, hi])
    return merged


# A candidate: its rank (longest first, then by priority, then leftmost, then the rule listed
# first; no two candidates share one), then what it is (start, end, rule number, value, mod).
_Candidate = tuple[int, int, int, int, int, int, int, Value, str | None]
_RANK = itemgetter(0, 1, 2, 3)


def _apply(
    grammar: Grammar,
    order: int,
    text: _Text,
    spans: list[list[int]],
    per_sentence: dict[int, list[_Candidate]],
) -> None:
    """Rule number ``order`` over each (sentence, start, end) stretch: its matches, per sentence."""
    compiled = grammar.rules[order]
    rule = compiled.rule
    if text.faithful and compiled.lower_finder is not None:
        finder, subject = compiled.lower_finder, text.lower
    else:
        finder, subject = compiled.finder, text.text
    for si, lo, hi in spans:
        for m in finder.finditer(subject, lo, hi):
            start, end = m.span()
            if end == start:
                continue
            try:
                groups = _groups(grammar, compiled, m, text.text)
                value = rule.make(groups)
                mod = rule.mod(groups) if rule.mod else None
            except (KeyError, ValueError, TypeError):
                continue
            # (a group's stretches do not overlap, so no match is found twice)
            per_sentence.setdefault(si, []).append(
                (end - start, rule.priority, -start, -order, start, end, order, value, mod)
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
    per_sentence: dict[int, list[_Candidate]] = {}
    both = _Text.of(text)
    for group, spans in _windows(grammar, both, sentences).items():
        for order in grammar.trigger_groups[group]:
            _apply(grammar, order, both, spans, per_sentence)
    found: list[Found] = []
    for si in sorted(per_sentence):
        sentence = sentences[si]
        candidates = per_sentence[si]
        candidates.sort(key=_RANK, reverse=True)
        # A span is kept if none of its characters is taken by one kept before it: looking up and
        # marking its characters is linear in a sentence dense with dates, where comparing with
        # every kept span was quadratic (and so was inserting into sorted lists).
        taken = bytearray(sentence.end - sentence.start)
        kept: list[_Candidate] = []
        for candidate in candidates:
            a, b = candidate[4] - sentence.start, candidate[5] - sentence.start
            if taken.find(1, a, b) < 0:
                taken[a:b] = b"\x01" * (b - a)
                kept.append(candidate)
        kept.sort(key=itemgetter(4))
        cues = _cues(grammar, both, sentence, [(c[4], c[5]) for c in kept])
        for *_, item_start, item_end, order, value, mod in kept:
            rule = grammar.rules[order].rule
            direction, cue_start, cue_end = _direction(cues, sentence, item_start, item_end)
            told = direction == "past" and grammar.saying_cues.fullmatch(text, cue_start, cue_end) is not None
            kind = rule.type
            if kind in ("DATE", "TIME") and (
                every := _recurrence(grammar, text, sentence, item_start, value)
            ):
                kind, value = "SET", every
            found.append(
                Found(
                    item_start,
                    item_end,
                    text[item_start:item_end],
                    kind,
                    value,
                    rule.name,
                    mod,
                    direction,
                    told,
                )
            )
    return Extraction(tuple(found), sentences)
