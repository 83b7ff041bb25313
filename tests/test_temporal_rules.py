"""Every grammar rule's examples, the grammar's load-time checks, and each expression family."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from timeline.temporal import en, english, extract, resolve, tag
from timeline.temporal.grammar import GrammarError, Rule, load
from timeline.temporal.values import Calendar

EXAMPLES = [(rule.name, ex) for rule in en.RULES for ex in rule.examples]


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[f"{n}:{e.text}" for n, e in EXAMPLES])
def test_rule_example(name: str, example: object) -> None:
    text = example.text  # type: ignore[attr-defined]
    wanted = example.expression or text  # type: ignore[attr-defined]
    found = tag(text, dt.date.fromisoformat(example.dct))  # type: ignore[attr-defined]
    covering = [t for t in found if t.text == wanted and t.rule == name]
    assert covering, f"{name} did not match all of {text!r}: {[(t.text, t.rule) for t in found]}"
    assert covering[0].value == example.value  # type: ignore[attr-defined]


def test_every_rule_has_an_example() -> None:
    assert all(rule.examples for rule in en.RULES)


def _rule(name: str, pattern: str) -> Rule:
    return Rule(name, pattern, "DATE", lambda g: Calendar(2000))


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([_rule("a", "x"), _rule("a", "y")], "duplicate rule name 'a'"),
        ([_rule("bad_table", "@nosuch")], "rule 'bad_table' uses unknown table @nosuch"),
        ([_rule("empty", "x?")], "rule 'empty' can match the empty string"),
        ([_rule("broken", "(x")], "rule 'broken' has a bad pattern"),
    ],
)
def test_grammar_errors_name_the_rule(rules: list[Rule], message: str) -> None:
    with pytest.raises(GrammarError, match=message.replace("(", r"\(")):
        load(rules, en.TABLES, en.FUTURE_CUES, en.PAST_CUES)


def test_english_grammar_loads() -> None:
    assert len(english().rules) == len(en.RULES)


DCT = dt.date(2017, 9, 6)  # a Wednesday

FAMILIES = [
    # absolute dates
    ("It fell on Sept. 5, 2017.", "Sept. 5, 2017", "2017-09-05"),
    ("It fell on 5 September 2017.", "5 September 2017", "2017-09-05"),
    ("Filed 2017-09-05 in court.", "2017-09-05", "2017-09-05"),
    ("Filed 9/5/2017 in court.", "9/5/2017", "2017-09-05"),
    ("Prices rose in the 1990s.", "the 1990s", "199"),
    ("Output peaked in mid-1998.", "mid-1998", "1998"),
    ("Sales fell in the third quarter.", "the third quarter", "2017-Q3"),
    ("It earned $5 in fiscal 1999.", "fiscal 1999", "1999"),
    # weekdays and days near the dateline
    ("The army reached the city on Tuesday.", "Tuesday", "2017-09-05"),
    ("the army reached deir al-zor city on tuesday .", "tuesday", "2017-09-05"),
    ("Ministers will meet on Tuesday.", "Tuesday", "2017-09-12"),
    ("He spoke last Friday.", "last Friday", "2017-09-01"),
    ("They meet next Monday.", "next Monday", "2017-09-11"),
    ("It was signed today.", "today", "2017-09-06"),
    ("it was signed yesterday .", "yesterday", "2017-09-05"),
    ("It opens tomorrow.", "tomorrow", "2017-09-07"),
    # months and seasons without a year
    ("The siege began in June.", "June", "2017-06"),
    ("the talks ended in may .", "may", "2017-05"),
    ("Talks will resume next spring.", "next spring", "2018-SP"),
    ("Rebels attacked last spring.", "last spring", "2017-SP"),
    # relative units
    ("Output rose this year.", "this year", "2017"),
    ("It closed last month.", "last month", "2017-08"),
    ("It opened three years ago.", "three years ago", "2014"),
    ("Prices rose earlier this year.", "earlier this year", "2017"),
    ("Prices fell late last month.", "late last month", "2017-08"),
    ("The city is now calm.", "now", "PRESENT_REF"),
    ("Fighting recently intensified.", "recently", "PAST_REF"),
    # times
    ("Shelling resumed this afternoon.", "this afternoon", "2017-09-06TAF"),
    ("The vote is at 3 p.m.", "3 p.m.", "2017-09-06T15:00"),
    ("Shelling began Tuesday night.", "Tuesday night", "2017-09-05TNI"),
    # durations
    ("The siege lasted three years.", "three years", "P3Y"),
    ("It broke a three-year siege.", "three-year", "P3Y"),
    ("It has waited for weeks.", "weeks", "PXW"),
    ("It lasted more than three years.", "more than three years", "P3Y"),
    ("the six-year-old conflict .", "six-year-old", "P6Y"),
    # sets
    ("They vote every year.", "every year", "P1Y"),
    ("They pray each Sunday.", "each Sunday", "XXXX-WXX-7"),
]


@pytest.mark.parametrize(("text", "expression", "value"), FAMILIES)
def test_expression_family(text: str, expression: str, value: str) -> None:
    found = {t.text: t for t in tag(text, DCT)}
    assert expression in found, f"{expression!r} not found in {text!r}: {list(found)}"
    timex = found[expression]
    assert timex.value == value
    assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    "text",
    [
        "you may go now if you like .",
        "they will march on the capital",
        "the second man said the sun would fall on them",
        "Prices may fall.",
    ],
)
def test_ambiguous_words_are_not_dates_out_of_context(text: str) -> None:
    assert not [t for t in tag(text, DCT) if t.value not in ("PRESENT_REF",)]


def test_sunday_in_lowercase_seed() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "seeds" / "reuters-offensives-converge.txt"
    if not path.exists():
        pytest.skip("seed not present")
    text = path.read_text(encoding="utf-8")
    sundays = [t for t in tag(text, dt.date(2017, 9, 10)) if t.text == "sunday"]
    assert sundays and all(t.value == "2017-09-10" for t in sundays)


def test_no_dateline_leaves_relative_values_open() -> None:
    found = {t.text: t for t in tag("He left on Tuesday, in June and on June 5, 1998.", None)}
    assert found["Tuesday"].value == "XXXX-WXX-2" and found["Tuesday"].period is None
    assert found["June"].value == "XXXX-06"
    assert found["June 5, 1998"].value == "1998-06-05"
    assert found["June"].explanation


def test_explanation_and_provenance() -> None:
    (t,) = tag("The army reached the city on Tuesday.", DCT)
    assert t.rule == "weekday" and t.anchor == "dateline"
    assert t.explanation.endswith("the Tuesday before the dateline, Wednesday 6 September 2017")
    assert t.period is not None and t.first_day == t.last_day == dt.date(2017, 9, 5)


def test_previous_date_anchors_later() -> None:
    found = tag("The talks opened on Sept. 1, 2017. Two days later they collapsed.", DCT)
    later = next(t for t in found if t.text == "Two days later")
    assert later.value == "2017-09-03" and later.anchor == "previous date"


def test_extraction_is_picklable_and_resolves_many_times() -> None:
    extraction = extract("He left on Tuesday and returns in June.")
    again = pickle.loads(pickle.dumps(extraction))
    assert again == extraction
    assert resolve(again, DCT) == resolve(extraction, DCT)
    assert resolve(extraction, dt.date(2017, 9, 13))[0].value == "2017-09-12"


def test_sentences_for_both_styles() -> None:
    text = "He left on Sept. 5. The U.S. army stayed.\nthe army left on tuesday . it stayed ."
    spans = [text[s.start : s.end] for s in extract(text).sentences]
    assert spans == [
        "He left on Sept. 5.",
        "The U.S. army stayed.",
        "the army left on tuesday .",
        "it stayed .",
    ]


def test_a_tokenized_abbreviation_before_a_number_ends_no_sentence() -> None:
    text = "the army left on sept . 5 . it stayed in september . 30 people died ."
    spans = [text[s.start : s.end] for s in extract(text).sentences]
    assert spans == ["the army left on sept . 5 .", "it stayed in september .", "30 people died ."]


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("the vote is scheduled for nov . 6 .", "nov . 6", "2017-11-06"),
        ("the deal was signed on jan . 2 , 2013 .", "jan . 2 , 2013", "2013-01-02"),
        ("the storm hit on the night of aug . 4 .", "the night of aug . 4", "2017-08-04TNI"),
        ("profit in the quarter ended sept . 30 rose .", "the quarter", "2016-Q3"),  # ended before the 6th
        ("it stayed in september . 30 people died .", "september", "2017-09"),
    ],
)
def test_a_month_abbreviation_tokenized_apart_from_its_period(text: str, expression: str, value: str) -> None:
    found = [(t.text, t.value) for t in resolve(extract(text), DCT)]
    assert (expression, value) in found, found


def test_offsets_respect_start_and_end() -> None:
    text = "On Monday. On Tuesday. On Friday."
    found = resolve(extract(text, 11, 22), DCT)
    assert [t.text for t in found] == ["Tuesday"]
