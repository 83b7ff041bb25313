"""Trigger words read from a rule's pattern: a mandatory part that is a whole word, checked at load."""

from __future__ import annotations

import dataclasses
import re
import sys

import pytest

from timeline.temporal import en, english
from timeline.temporal.grammar import Grammar, GrammarError, Rule, load
from timeline.temporal.triggers import DIGIT, caseless, cover, first_characters, parse
from timeline.temporal.values import Calendar


def _rule(name: str, pattern: str, triggers: tuple[str, ...] = ()) -> Rule:
    return Rule(name, pattern, "DATE", lambda g: Calendar(2000), triggers=triggers)


def _load(*rules: Rule) -> Grammar:
    return load(list(rules), en.TABLES, en.FUTURE_CUES, en.PAST_CUES, en.STOP_WORDS)


def _triggers(grammar: Grammar, rule: int = 0) -> set[str]:
    group = next(i for i, rules in enumerate(grammar.trigger_groups) if rule in rules)
    words = {w for w, groups in grammar.group_index.items() if group in groups}
    assert words | ({DIGIT} if group in grammar.digit_groups else set()) == grammar.rules[rule].triggers
    return set(grammar.rules[rule].triggers)


def _cover(pattern: str) -> set[str] | None:
    found = cover(re.compile(pattern, re.IGNORECASE), en.STOP_WORDS)
    return None if found is None else set(found)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        # the month is optional, and "...ly" may be any word
        (_rule("no_word", r"(?:\b@month\s+)?[a-z]+ly\b"), "rule 'no_word' has no trigger word"),
        # "day" may be the end of "xday"
        (_rule("glued", r"x?day\b"), "rule 'glued' has no trigger word"),
        (
            _rule("two_words", r"\bas\s+soon\b", triggers=("as soon",)),
            "rule 'two_words': trigger 'as soon' is not a word",
        ),
        (_rule("number", r"\b1st\b", triggers=("1st",)), "rule 'number': trigger '1st' starts with a digit"),
        # empty wherever an x stands before it
        (_rule("maybe_nothing", r"(?<=x)(?:day)?"), "rule 'maybe_nothing' can match the empty string"),
    ],
)
def test_a_rule_the_engine_cannot_use_fails_to_load_with_its_name(rule: Rule, message: str) -> None:
    with pytest.raises(GrammarError, match=message):
        _load(rule)


def test_a_rule_triggers_on_its_mandatory_part_not_on_every_number() -> None:
    grammar = _load(_rule("month_day", r"\b(?:early\s+)?@month\.?\s+@day\b"))
    assert _triggers(grammar) == set(en.MONTH)


def test_a_number_triggers_when_nothing_else_must_be_there() -> None:
    assert _triggers(_load(_rule("year", r"\b(?:@month\s+)?@year\b"))) == {DIGIT}


def test_a_word_of_the_pattern_itself_triggers() -> None:
    assert _triggers(_load(_rule("soon", r"(?<!\bas\s)\bsoon\b"))) == {"soon"}


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"(?<=\bfor\s)days?\b", {"day", "days"}),  # a lookbehind ends the word before; "s?" makes two
        (r"\b(?:that|the\s+same)\s+(?:year|week)\b", {"that", "same"}),  # "the" is too common
        (r"\bmid[\s-]?(?:morning|afternoon)\b", {"morning", "afternoon", "midmorning", "midafternoon"}),
        (r"\b\d+(?:st|nd|rd|th)?\s+(?:of\s+)?june\b", {"june"}),
        (r"\b\d+(?:st|nd|rd|th)\b", {DIGIT}),
        (r"\bthe\s+(?:day|week)\s+(?:before|after)\b|\bthe\s+next\s+(?:day|week)\b", {"day", "week"}),
        (r"\bjune(?=\W|$)", {"june"}),
        (r"\bjune", None),  # "junebug"
        (r"(?a:\b)june\b", None),  # an ASCII word boundary: "éjune" is one word
    ],
)
def test_the_words_read_from_a_pattern(pattern: str, words: set[str] | None) -> None:
    assert _cover(pattern) == words


def test_declared_triggers_steer_the_choice_and_are_added() -> None:
    pattern = r"\b(?:that|the\s+same)\s+(?P<unit>year|week)\b"
    assert _triggers(_load(_rule("that_unit", pattern))) == {"that", "same"}
    assert _triggers(_load(_rule("that_unit", pattern, triggers=("year", "week")))) == {"year", "week"}
    # a pattern read as having no trigger word loads when the author names them
    assert _triggers(_load(_rule("glued", r"x?day\b", triggers=("day", "xday")))) == {"day", "xday"}


_TOKEN = re.compile(r"\w+")


@pytest.mark.parametrize("rule", en.RULES, ids=[r.name for r in en.RULES])
def test_every_match_in_a_rule_example_holds_one_of_its_triggers(rule: Rule) -> None:
    grammar = english()
    order = next(i for i, c in enumerate(grammar.rules) if c.rule.name == rule.name)
    triggers = _triggers(grammar, order)
    regex = grammar.rules[order].regex
    for example in rule.examples:
        for text in (example.text, example.text.lower(), example.text.upper()):
            for m in regex.finditer(text):
                words = [t.group().lower() for t in _TOKEN.finditer(text) if m.start() <= t.start() < m.end()]
                # a word glued to a number ("FY2018") triggers by its letters, as the engine reads it
                glued = [re.sub(r"\d.*", "", w) for w in words]
                assert any(
                    w in triggers or g in triggers or (w[0].isdigit() and DIGIT in triggers)
                    for w, g in zip(words, glued, strict=True)
                ), m.group()


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"(?:(?<=\bfor\s)|(?<=\bin\s))an?\s+day", "[a]"),
        (r"\b(?:early\s+)?\d+\s+june", r"[\de]"),
        (r"\b[A-C]x|y", "[A-Cy]"),
        (r"(?:the\s+)?x?", None),  # can match nothing
        (r".x", None),
        (r"[^a]x", None),
    ],
)
def test_the_first_characters_of_a_pattern(pattern: str, first: str | None) -> None:
    assert first_characters(parse(pattern, re.IGNORECASE)) == first


@pytest.mark.parametrize("rule", en.RULES, ids=[r.name for r in en.RULES])
def test_a_rule_finder_finds_what_its_pattern_finds(rule: Rule) -> None:
    compiled = next(c for c in english().rules if c.rule.name == rule.name)
    for example in rule.examples:
        for text in (example.text, example.text.upper(), f"x{example.text}, {example.text}"):
            spans = [m.span() for m in compiled.regex.finditer(text)]
            assert [m.span() for m in compiled.finder.finditer(text)] == spans
            if compiled.lower_finder is not None:
                assert [m.span() for m in compiled.lower_finder.finditer(text.lower())] == spans


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bjune\s+\d+", True),
        (r"\b[a-z]+ed\b", True),
        (r"\s+[A-Z]{3}", False),  # upper-case letters only: not found in lower-cased text
        (r"GMT", False),
        (r"(?-i:june)", False),  # case matters inside
        (r"mañana", False),  # a letter outside a-z
        (r"it’s", True),  # an apostrophe has no case
    ],
)
def test_a_pattern_is_caseless_when_lower_cased_text_finds_the_same(pattern: str, expected: bool) -> None:
    assert caseless(parse(pattern, re.IGNORECASE)) is expected


@pytest.mark.parametrize(
    "text",
    [
        "They met on Tuesday, June 5, 1998, and TWO YEARS AGO.",
        "Il a dit: «  la réunion du 5 juin  » — on Tuesday, June 5 (\u212a) 1998.",
        "Talks ſtarted on June 5 and will resume next ſpring; İT WILL END ON TUESDAY.",
    ],
)
def test_lower_cased_text_finds_what_case_ignored_text_finds(text: str) -> None:
    from timeline.temporal import extract

    extract_module = sys.modules["timeline.temporal.extract"]
    fast = extract(text)
    original = extract_module._Text.of
    try:
        extract_module._Text.of = classmethod(lambda cls, t: dataclasses.replace(original(t), faithful=False))
        slow = extract(text)
    finally:
        extract_module._Text.of = original
    assert fast == slow
