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
from typing import Any

from timeline.temporal.triggers import DIGIT, PatternReader, first_characters
from timeline.temporal.values import Value

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
    ties between matches of equal length (higher wins). ``triggers`` are words the rule is also
    tried near; the engine prefers a part of the pattern made of them when it picks the part
    whose words trigger the rule, and they are needed only where no part is read as whole words.
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
    """A rule with its pattern expanded and compiled.

    ``finder`` is ``regex`` behind a lookahead for the characters a match can start with: the
    same matches, found sooner when scanning (see :func:`_finder`).
    """

    rule: Rule
    regex: re.Pattern[str]
    tables: tuple[tuple[str, str], ...]  # (group name, table name)
    finder: re.Pattern[str]


@dataclass(frozen=True)
class Grammar:
    """Rules compiled against their tables, plus the cue patterns used for tense."""

    rules: tuple[CompiledRule, ...]
    tables: Mapping[str, Table]
    future_cues: re.Pattern[str]
    past_cues: re.Pattern[str]
    trigger_index: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    digit_rules: tuple[int, ...] = ()
    #: Finds, in lower-cased text, the words of ``trigger_index`` and those that start with a digit.
    trigger_words: re.Pattern[str] = re.compile(r"\b\d\w*")

    def normalize(self, table: str, surface: str) -> Any:
        t = self.tables[table]
        if isinstance(t, Token):
            return t.convert(surface)
        key = " ".join(surface.lower().replace("-", " ").split()).rstrip(".")
        if key in t:
            return t[key]
        return t[key + "."] if key + "." in t else t[surface.lower()]


def _alternation(table: Table) -> str:
    if isinstance(table, Token):
        return table.pattern
    words = sorted(table, key=lambda w: (-len(w), w))
    parts = []
    for w in words:
        escaped = re.escape(w).replace(r"\ ", r"[\s-]+")
        parts.append(escaped)
    return "|".join(parts)


def compile_rule(rule: Rule, tables: Mapping[str, Table]) -> CompiledRule:
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
        regex = re.compile(source, re.IGNORECASE)
    except re.error as e:
        raise GrammarError(f"rule {rule.name!r} has a bad pattern: {e}") from None
    if regex.fullmatch(""):
        raise GrammarError(f"rule {rule.name!r} can match the empty string")
    return CompiledRule(rule, regex, tuple(used), _finder(regex))


def _finder(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` behind a lookahead for the characters its matches can start with: the same
    matches, found sooner, as the regex engine turns most positions away with one test."""
    first = first_characters(regex)
    return regex if first is None else re.compile(f"(?={first})(?:{regex.pattern})", regex.flags)


def _index(
    compiled: list[CompiledRule], stop_words: frozenset[str]
) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Which rules can match near which word: every match holds one of its rule's trigger words.

    The words are read from the pattern (:mod:`timeline.temporal.triggers`); a rule's declared
    ``triggers`` are added to them, and steer the reading to the part of the pattern they name.
    """
    reader = PatternReader(stop_words)
    index: dict[str, list[int]] = {}
    digit_rules: list[int] = []
    for i, c in enumerate(compiled):
        declared = {w.lower() for w in c.rule.triggers}
        for w in declared:
            if not _WORD.fullmatch(w) or w[0].isdecimal():
                raise GrammarError(f"rule {c.rule.name!r}: trigger {w!r} is not a word")
        derived = reader.cover(c.regex, declared)
        if derived is None and not declared:
            raise GrammarError(
                f"rule {c.rule.name!r} has no trigger word: no part of its pattern that every match "
                "goes through is a whole word; give it triggers=(...)"
            )
        words = declared | (derived or frozenset())
        for w in sorted(words - {DIGIT}):
            index.setdefault(w, []).append(i)
        if DIGIT in words:
            digit_rules.append(i)
    return {w: tuple(ids) for w, ids in index.items()}, tuple(digit_rules)


def load(
    rules: tuple[Rule, ...] | list[Rule],
    tables: Mapping[str, Table],
    future_cues: str,
    past_cues: str,
    stop_words: frozenset[str] = frozenset(),
) -> Grammar:
    """Check and compile a grammar; raise :class:`GrammarError` naming the first bad rule.

    ``stop_words`` are table words too common to point at a match on their own ("a", "the"):
    a rule must have some other word in every match.
    """
    seen: set[str] = set()
    compiled = []
    for rule in rules:
        if rule.name in seen:
            raise GrammarError(f"duplicate rule name {rule.name!r}")
        seen.add(rule.name)
        if not isinstance(rule.examples, tuple) or not all(isinstance(e, Example) for e in rule.examples):
            raise GrammarError(f"rule {rule.name!r}: examples must be a tuple of Example")
        if rule.type not in ("DATE", "TIME", "DURATION", "SET"):
            raise GrammarError(f"rule {rule.name!r} has unknown type {rule.type!r}")
        compiled.append(compile_rule(rule, tables))
    index, digit_rules = _index(compiled, stop_words)
    return Grammar(
        tuple(compiled),
        tables,
        _finder(re.compile(future_cues, re.IGNORECASE)),
        _finder(re.compile(past_cues, re.IGNORECASE)),
        index,
        digit_rules,
        re.compile(rf"\b(?:{_trie(index)})\b|\b\d\w*"),
    )


def _trie(words: Iterable[str]) -> str:
    """One alternation of many words, factored letter by letter ("ma(?:rch|y)"): the regex engine
    then reads each letter of the text once, where a plain list of words would try them all."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        parts = [re.escape(ch) + alternation(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(parts) == 1 else body + "?"

    return alternation(root) or "(?!)"
