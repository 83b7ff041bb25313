"""The grammar record and its load-time checks.

A rule is data: a name, a pattern whose ``@table`` placeholders expand to named groups over a
lexicon table, a function building an underspecified value from the normalized groups, and
examples. Mistakes (a duplicate name, an unknown table, a pattern that can match nothing, a
pattern with no word to trigger it) fail when the grammar loads, with the rule's name, instead
of silently tagging nothing.

The engine tries a rule only near its trigger words: those of a part of its pattern that every
match goes through (:mod:`timeline.temporal.triggers` reads them from the pattern), plus the
rule's declared ``triggers``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from timeline.temporal.triggers import (
    DIGIT,
    PatternReader,
    Tree,
    can_be_empty,
    caseless,
    first_characters,
    parse,
)
from timeline.temporal.values import Value

_MEMO_SIZE = 100_000  # normalized surfaces remembered (then forgotten all at once)
_PLACEHOLDER = re.compile(r"@([a-z_]+)(?::([a-z_0-9]+))?")
_WORD = re.compile(r"\w+")


class GrammarError(ValueError):
    """A rule or table is malformed; the message names it."""


@dataclass(frozen=True)
class Token:
    """A table given by a pattern and a converter, for open classes such as numerals.

    ``words`` and ``digits`` say what the pattern matches, for the reader; the engine reads
    trigger words from the pattern itself and does not need them.
    """

    pattern: str
    convert: Callable[[str], Any]
    words: frozenset[str] = frozenset()
    digits: bool = False


Table = Mapping[str, Any] | Token
Groups = Mapping[str, Any]


@dataclass(frozen=True)
class Example:
    """A text the rule must match (all of it, or ``expression`` inside it) and the value it must yield."""

    text: str
    value: str
    dct: str = "2017-09-06"
    expression: str | None = None


@dataclass(frozen=True)
class Rule:
    """One grammar rule.

    ``make`` receives the matched groups normalized through their tables (unmatched optional
    groups are absent) and returns the value. ``type`` is the TIMEX3 type. ``priority`` breaks
    ties between matches of equal length (higher wins). ``triggers`` are words to try the rule
    near besides those the engine reads from the pattern (:mod:`timeline.temporal.triggers`),
    which prefers a part of the pattern made of them; they are needed only where no part that
    every match goes through is a whole word.
    """

    name: str
    pattern: str
    type: str
    make: Callable[[Groups], Value]
    examples: tuple[Example, ...] = ()
    mod: Callable[[Groups], str | None] | None = None
    priority: int = 0
    triggers: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its pattern expanded (``source``), and the words that trigger it.

    ``finder`` is the pattern behind a lookahead for the characters a match can start with
    (``scan``): the same matches, found sooner when scanning, as the regex engine turns most
    positions away with one test. ``lower_finder`` is the same for lower-cased text, case not
    ignored, which the regex engine scans faster; it is there when the pattern allows it
    (``caseless``, see :func:`timeline.temporal.triggers.caseless`). ``regex`` is the pattern as
    written. Each is compiled when first asked for.
    """

    rule: Rule
    source: str
    tables: tuple[tuple[str, str], ...]  # (group name, table name)
    triggers: frozenset[str]  # lower-cased words, and DIGIT for any word that starts with a digit
    scan: str
    caseless: bool

    @cached_property
    def finder(self) -> re.Pattern[str]:
        return re.compile(self.scan, re.IGNORECASE)

    @cached_property
    def lower_finder(self) -> re.Pattern[str] | None:
        return re.compile(self.scan) if self.caseless else None

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)

    @cached_property
    def slots(self) -> tuple[tuple[str, int, str | None], ...]:
        """The named groups as (name, number, table or None): those of tables first, then the rest."""
        numbers = (self.lower_finder or self.finder).groupindex
        tables = dict(self.tables)
        first = tuple((name, numbers[name], table) for name, table in self.tables)
        return first + tuple((name, i, None) for name, i in numbers.items() if name not in tables)


@dataclass(frozen=True)
class Grammar:
    """Rules compiled against their tables, plus the cue patterns used for tense."""

    rules: tuple[CompiledRule, ...]
    tables: Mapping[str, Table]
    future_cues: re.Pattern[str]
    past_cues: re.Pattern[str]
    #: Rules that have the same trigger words, by number: they are tried near the same words.
    trigger_groups: tuple[tuple[int, ...], ...] = ()
    #: A trigger word (lower-cased) -> the groups it triggers; words that start with a digit
    #: trigger ``digit_groups``.
    group_index: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    digit_groups: tuple[int, ...] = ()
    #: Finds, in lower-cased text, the words of ``group_index`` and those that start with a digit.
    trigger_words: re.Pattern[str] = re.compile(r"\b\d\w*")
    #: The cue patterns for lower-cased text, where they allow it (see ``CompiledRule.lower_finder``).
    future_cues_lower: re.Pattern[str] | None = None
    past_cues_lower: re.Pattern[str] | None = None
    #: Past cues that are verbs of saying: they date a report, not what it reports.
    saying_cues: re.Pattern[str] = re.compile(r"(?!)")
    #: Adverbs of habit: "is usually held in June" names every June, not one.
    habitual_cues: re.Pattern[str] = re.compile(r"(?!)")
    _normalized: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def normalize(self, table: str, surface: str) -> Any:
        """The value of ``surface`` in ``table`` (remembered: a table gives a surface one value)."""
        memo = self._normalized
        value = memo.get((table, surface), memo)
        if value is memo:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            value = memo[table, surface] = self._normalize(table, surface)
        return value

    def _normalize(self, table: str, surface: str) -> Any:
        t = self.tables[table]
        if isinstance(t, Token):
            return t.convert(surface)
        key = " ".join(surface.lower().replace("-", " ").split()).rstrip(".")
        if key in t:
            return t[key]
        return t[key + "."] if key + "." in t else t[surface.lower()]


_SPACE = r"[\s-]+"  # a space in a table's key: any run of spaces and hyphens ("three-year")


def _alternation(table: Table) -> str:
    if isinstance(table, Token):
        return table.pattern
    words = sorted(table, key=lambda w: (-len(w), w))
    if all(_factorable(w) for w in words):
        return _trie([_SPACE if ch == " " else re.escape(ch) for ch in w] for w in words)
    parts = []
    for w in words:
        escaped = re.escape(w).replace(r"\ ", _SPACE)
        parts.append(escaped)
    return "|".join(parts)


def _factorable(key: str) -> bool:
    """Whether a key can go into a factored alternation and be tried in the same order as in a
    list of the keys, longest first: two such keys the text can both match share a path, so the
    longer is tried first in both (lower-case ASCII, words apart by single spaces, no hyphens)."""
    return key.isascii() and key == key.lower() and "-" not in key and key == " ".join(key.split())


def compile_rule(
    rule: Rule, tables: Mapping[str, Table], reader: PatternReader | None = None
) -> CompiledRule:
    """Expand, check and compile one rule; ``reader`` reads its trigger words (see :func:`_triggers`)."""
    source, used, tree = _check(rule, tables)
    return _compiled(rule, source, used, tree, reader or PatternReader())


def _check(rule: Rule, tables: Mapping[str, Table]) -> tuple[str, tuple[tuple[str, str], ...], Tree]:
    """The rule's pattern expanded, its tables and its parse; raise GrammarError if it is bad."""
    used: list[tuple[str, str]] = []

    def expand(m: re.Match[str]) -> str:
        table, group = m.group(1), m.group(2) or m.group(1)
        if table not in tables:
            raise GrammarError(f"rule {rule.name!r} uses unknown table @{table}")
        if any(g == group for g, _ in used):
            raise GrammarError(f"rule {rule.name!r} uses group {group!r} twice; name one @{table}:other")
        used.append((group, table))
        return f"(?P<{group}>{_alternation(tables[table])})"

    source = _PLACEHOLDER.sub(expand, rule.pattern)
    try:
        tree = parse(source, re.IGNORECASE)
    except re.error as e:
        raise GrammarError(f"rule {rule.name!r} has a bad pattern: {e}") from None
    if can_be_empty(tree):
        raise GrammarError(f"rule {rule.name!r} can match the empty string")
    return source, tuple(used), tree


def _compiled(
    rule: Rule, source: str, used: tuple[tuple[str, str], ...], tree: Tree, reader: PatternReader
) -> CompiledRule:
    compiled = CompiledRule(
        rule, source, used, _triggers(rule, tree, reader), _gated(source, tree), caseless(tree)
    )
    try:  # the finder ordinary text is scanned with: compiled now, so a pattern the parser let by fails here
        compiled.lower_finder if compiled.caseless else compiled.finder  # noqa: B018
    except re.error as e:
        raise GrammarError(f"rule {rule.name!r} has a bad pattern: {e}") from None
    return compiled


def _finder(source: str, tree: Tree) -> re.Pattern[str]:
    """The pattern behind a lookahead for the characters its matches can start with."""
    return re.compile(_gated(source, tree), re.IGNORECASE)


def _lower_finder(source: str, tree: Tree) -> re.Pattern[str] | None:
    """:func:`_finder` for lower-cased text, where the pattern allows it."""
    return re.compile(_gated(source, tree)) if caseless(tree) else None


def _gated(source: str, tree: Tree) -> str:
    first = first_characters(tree)
    return source if first is None else f"(?={first})(?:{source})"


def _triggers(rule: Rule, tree: Tree, reader: PatternReader) -> frozenset[str]:
    """The words the engine tries ``rule`` near: every match holds one of them.

    They are read from the pattern (:mod:`timeline.temporal.triggers`); the rule's declared
    ``triggers`` are added to them, and steer the reading to the part of the pattern they name.
    """
    declared = {w.lower() for w in rule.triggers}
    for w in declared:
        if not _WORD.fullmatch(w):
            raise GrammarError(f"rule {rule.name!r}: trigger {w!r} is not a word")
        if w[0].isdecimal():
            raise GrammarError(
                f"rule {rule.name!r}: trigger {w!r} starts with a digit (any number triggers it)"
            )
    derived = reader.cover(tree, declared)
    if derived is None and not declared:
        raise GrammarError(
            f"rule {rule.name!r} has no trigger word: no part of its pattern that every match "
            "goes through is a whole word; give it triggers=(...)"
        )
    return frozenset(declared | (derived or frozenset()))


def _index(
    compiled: list[CompiledRule],
) -> tuple[tuple[tuple[int, ...], ...], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The rules grouped by their trigger words, and which groups each word triggers."""
    by_words: dict[frozenset[str], list[int]] = {}
    for i, c in enumerate(compiled):
        by_words.setdefault(c.triggers, []).append(i)
    index: dict[str, list[int]] = {}
    digit_groups: list[int] = []
    for group, words in enumerate(by_words):
        for w in sorted(words - {DIGIT}):
            index.setdefault(w, []).append(group)
        if DIGIT in words:
            digit_groups.append(group)
    groups = tuple(tuple(rules) for rules in by_words.values())
    return groups, {w: tuple(ids) for w, ids in index.items()}, tuple(digit_groups)


def load(
    rules: tuple[Rule, ...] | list[Rule],
    tables: Mapping[str, Table],
    future_cues: str,
    past_cues: str,
    stop_words: frozenset[str] = frozenset(),
    saying_cues: str = r"(?!)",
    habitual_cues: str = r"(?!)",
) -> Grammar:
    """Check and compile a grammar; raise :class:`GrammarError` naming the first bad rule.

    ``stop_words`` are words too common to point at a match on their own ("a", "the"): a rule
    is tried near one only where every other part of its pattern is optional or no whole word.
    """
    seen: set[str] = set()
    checked = []
    for rule in rules:
        if rule.name in seen:
            raise GrammarError(f"duplicate rule name {rule.name!r}")
        seen.add(rule.name)
        if not isinstance(rule.examples, tuple) or not all(isinstance(e, Example) for e in rule.examples):
            raise GrammarError(f"rule {rule.name!r}: examples must be a tuple of Example")
        if rule.type not in ("DATE", "TIME", "DURATION", "SET"):
            raise GrammarError(f"rule {rule.name!r} has unknown type {rule.type!r}")
        checked.append((rule, _check(rule, tables)))
    reader = PatternReader(stop_words)
    compiled = [_compiled(rule, source, used, tree, reader) for rule, (source, used, tree) in checked]
    groups, index, digit_groups = _index(compiled)
    future_tree, past_tree = parse(future_cues, re.IGNORECASE), parse(past_cues, re.IGNORECASE)
    return Grammar(
        tuple(compiled),
        tables,
        _finder(future_cues, future_tree),
        _finder(past_cues, past_tree),
        groups,
        index,
        digit_groups,
        # a word glued to a number triggers too: "FY2018"
        re.compile(rf"\b(?:{_trie(map(re.escape, index))})(?:\b|(?=\d))|\b\d\w*"),
        _lower_finder(future_cues, future_tree),
        _lower_finder(past_cues, past_tree),
        saying_cues=re.compile(saying_cues, re.IGNORECASE),
        habitual_cues=re.compile(habitual_cues, re.IGNORECASE),
    )


def _trie(words: Iterable[Iterable[str]]) -> str:
    """One alternation of many words, factored piece by piece ("ma(?:rch|y)", a piece being a
    regex for one letter, or a space): the regex engine then reads each letter of the text once,
    where a plain list of the words would try them all. On one path a longer word is tried first."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for piece in word:
            node = node.setdefault(piece, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        parts = [piece + alternation(child) for piece, child in sorted(node.items()) if piece]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(parts) == 1 else body + "?"

    return alternation(root) or "(?!)"
