"""Explicit datelines: the conventions they are written in, and which one wins."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.dateline import (
    Clue,
    ImpossibleDate,
    choose,
    file_name_clue,
    find_wire_dateline,
    normalize_title,
    parse_date,
    wire_clue,
)
from timeline.readers import plaintext

D = dt.date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("6 September 2017", D(2017, 9, 6)),
        ("Wednesday, 6 September 2017", D(2017, 9, 6)),
        ("September 6, 2017 Wednesday", D(2017, 9, 6)),
        ("Sept. 6, 2017", D(2017, 9, 6)),
        ("sep 6 2017", D(2017, 9, 6)),
        ("2017-09-06", D(2017, 9, 6)),
        ("2017/9/6", D(2017, 9, 6)),
        ("2017-09-06T23:10:00+02:00", D(2017, 9, 6)),
        ("the army advanced", None),
        ("455 words", None),
    ],
)
def test_parse_date_reads_the_usual_forms(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["30 February 2017", "2017-02-30", "February 30, 2017", "31 April 2016"])
def test_impossible_dates_are_named_not_guessed(text: str) -> None:
    with pytest.raises(ImpossibleDate, match="is not a real date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("lead", "place", "source", "date"),
    [
        ("BEIRUT (Reuters) - Syrian forces", "BEIRUT", "Reuters", None),
        ("beirut ( reuters ) - syrian forces", "beirut", "Reuters", None),
        ("NAIROBI, Kenya (AP) _ The vote", "NAIROBI, Kenya", "AP", None),
        ("PARIS, Sept. 5, 2017 (AFP) - Unions", "PARIS", "AFP", D(2017, 9, 5)),
        ("NEW YORK, March 3, 2015 (Reuters) -- Stocks", "NEW YORK", "Reuters", D(2015, 3, 3)),
        ("ST. LOUIS, Mo., May 4, 2016 (AP) — Police", "ST. LOUIS, Mo.", "AP", D(2016, 5, 4)),
        ("MOSCOW (Xinhua) – The talks", "MOSCOW", "Xinhua", None),
        ("GENEVA (Associated Press) - x", "GENEVA", "AP", None),
    ],
)
def test_wire_datelines(lead: str, place: str, source: str, date: dt.date | None) -> None:
    wire = find_wire_dateline(lead)
    assert wire is not None
    assert (wire.place, wire.source) == (place, source)
    clue = wire_clue(wire)
    assert (clue.date if clue else None) == date
    assert lead[wire.end :].strip()[0].isalpha() and wire.end <= len(lead)


@pytest.mark.parametrize(
    "lead",
    ["The army said (again) - it would", "In 2017 (AFP) - something", "Syrian forces advanced on Tuesday."],
)
def test_ordinary_sentences_are_not_wire_datelines(lead: str) -> None:
    assert find_wire_dateline(lead) is None


def test_wire_dateline_without_year_takes_the_year_only_from_the_file() -> None:
    wire = find_wire_dateline("WASHINGTON, Sept 5 (Reuters) - The Senate")
    assert wire is not None and (wire.month, wire.day, wire.year) == (9, 5, None)
    assert wire_clue(wire) is None  # never the current year
    clue = wire_clue(wire, 2017, "the file name")
    assert clue == Clue("wire dateline", "Sept 5 (the year, 2017, from the file name)", D(2017, 9, 5))


def test_year_less_wire_date_without_a_year_anywhere_stays_undated_but_says_so() -> None:
    [article] = plaintext.read("x.txt", "x", "WASHINGTON, Sept 5 (Reuters) - The Senate voted.\n")
    assert article.dateline.date is None and article.dateline.origin == "none"
    assert article.dateline.evidence == ("The wire dateline says Sept 5 but gives no year.",)


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("2017-09-05-reuters.txt", D(2017, 9, 5)),
        ("wires/20170905_afp.txt", D(2017, 9, 5)),
        ("2017_09_05.md", D(2017, 9, 5)),
        ("report-2017.txt", None),
        ("id-120170905123.txt", None),
    ],
)
def test_file_name_dates(name: str, date: dt.date | None) -> None:
    clue = file_name_clue(name)
    assert (clue.date if clue else None) == date


def test_precedence_header_over_wire_over_file_name() -> None:
    raw = (
        "Headline\n\n12 words\n7 September 2017\nThe Paper\nCopyright 2017 The Paper\n\n"
        "PARIS, Sept. 6, 2017 (AFP) - Text of the article.\n"
    )
    [article] = plaintext.read("2017-09-05-x.txt", "x", raw)
    assert (article.dateline.date, article.dateline.where) == (D(2017, 9, 7), "header")
    assert article.dateline.evidence == (
        "The header block says 7 September 2017.",
        "The wire dateline says Sept. 6, 2017, which the header overrules.",
        "The file name says 2017-09-05, which the header overrules.",
    )
    [article] = plaintext.read("2017-09-05-x.txt", "x", "PARIS, Sept. 6, 2017 (AFP) - Text.\n")
    assert (article.dateline.date, article.dateline.where) == (D(2017, 9, 6), "wire dateline")


def test_agreeing_clues_give_one_line_of_evidence() -> None:
    dateline = choose(
        [Clue("file name", "2017-09-05", D(2017, 9, 5)), Clue("header", "5 Sep 2017", D(2017, 9, 5))]
    )
    assert dateline.where == "header" and dateline.evidence == ("The header block says 5 Sep 2017.",)
    assert choose([]).origin == "none"


def test_headline_needs_a_blank_line_or_a_wire_dateline_after_it() -> None:
    [a] = plaintext.read("x.txt", "x", "First sentence of the lead\nSecond line of the same paragraph.\n")
    assert a.title is None and a.body_start == 0
    [b] = plaintext.read("x.txt", "x", "A lead that ends with a full stop.\n\nNext paragraph.\n")
    assert b.title is None
    [c] = plaintext.read("x.txt", "x", "  Dam  bursts in the north  \n\nThe dam burst on Monday.\n")
    assert c.title == "Dam bursts in the north" and c.body == "The dam burst on Monday."


def test_titles_are_one_line_without_control_characters() -> None:
    assert normalize_title("  Army\tbreaks \x1b[31msiege\x00\n again ") == "Army breaks [31msiege again"
    assert normalize_title(" \n ") is None and normalize_title(None) is None
