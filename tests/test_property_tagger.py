"""Properties of the tagger and the resolver over generated text and datelines (issue 9).

Whatever the text and whatever the dateline: tagging never raises; every value is a valid
TIMEX3 value of its type; offsets lie inside the text and slice out exactly the expression's
text; a DATE's period starts no later than it ends; extraction and resolution are
deterministic, resolution is pure (resolving against one dateline does not change the result
against another), and extractions survive pickling (the cache and worker processes need it).

Found here and fixed in resolve.py: impossible days ("April 31, 2017") and arithmetic leaving
years 1..9999 ("3000 years ago", "next year" on a 9999-12-31 dateline) stopped the build;
``CRASHERS`` keeps them as regression tests.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hostile.timex3 import is_timex3_value, problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import temporal

WORDS = (
    "January February March April May June July August September October November December "
    "Jan. Feb. Sept. Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday "
    "tomorrow tonight morning night evening afternoon noon last next this the a an of in on "
    "at since until by ago later earlier before after from to and year years month months "
    "week weeks day days decade century quarter first second third fourth half spring summer "
    "fall autumn winter weekend 1 2 3 5 12 15 28 29 30 31 1998 2017 2000 1990s '90s 99 0 00 "
    "two three ten hundred dozen past present future now recently currently former fiscal "
    "a.m. p.m. 10:30 3pm Mr. U.S. said will would had has was is -- - , . ; : ! ? ( ) \" ' "
    "\n \n\n \t \u00a0 \u200f \u202e é 五月"
).split(" ")

UNITS = "day week weekend month quarter year decade century".split()
phrases = st.one_of(
    st.builds(
        "{} {}".format,
        st.sampled_from(["next", "last", "this", "the next", "the previous"]),
        st.sampled_from(UNITS),
    ),
    st.builds(
        "{} {}s {}".format,
        st.integers(min_value=0, max_value=3000),
        st.sampled_from(UNITS),
        st.sampled_from(["ago", "later", "earlier", "before", "after", "from now"]),
    ),
    st.builds(
        "a {} {}".format, st.sampled_from(UNITS), st.sampled_from(["later", "earlier", "ago", "after"])
    ),
    st.builds(
        "{} {}, {}".format,
        st.sampled_from(WORDS[:12]),
        st.integers(min_value=0, max_value=40),
        st.integers(min_value=0, max_value=10**5),
    ),
    st.builds("{} {}".format, st.sampled_from(["last", "next", "on", "this"]), st.sampled_from(WORDS[15:22])),
    st.sampled_from(
        ["tomorrow", "yesterday", "the quarter", "the year-ago period", "next spring", "last winter"]
    ),
)
tokens = st.one_of(
    phrases,
    st.sampled_from(WORDS),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.text(max_size=6),
)
texts = st.lists(tokens, max_size=40).flatmap(
    lambda ws: st.lists(
        st.sampled_from([" ", "", "\n", "-", "/", ", "]), min_size=len(ws), max_size=len(ws)
    ).map(lambda seps: "".join(w + s for w, s in zip(ws, seps, strict=True)))
)
datelines = st.one_of(st.none(), st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
EDGES = [dt.date.min, dt.date(1, 12, 31), dt.date(9999, 1, 1), dt.date.max]
any_dateline = st.one_of(st.sampled_from(EDGES), st.dates())
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts, datelines)
def test_tag_never_raises_and_keeps_the_timex3_contract(text: str, dct: dt.date | None) -> None:
    timexes = temporal.tag(text, dct)
    assert problems(text, timexes) == []


@FAST
@given(texts, datelines, datelines)
def test_resolution_is_deterministic_and_pure(
    text: str, first: dt.date | None, second: dt.date | None
) -> None:
    extraction = temporal.extract(text)
    once = temporal.resolve(extraction, first)
    temporal.resolve(extraction, second)
    assert temporal.resolve(extraction, first) == once
    assert temporal.extract(text) == extraction
    assert list(once) == temporal.tag(text, first)


@FAST
@given(texts, st.data())
def test_extraction_stays_inside_its_window_and_pickles(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    extraction = temporal.extract(text, start, end)
    assert all(start <= f.start < f.end <= end for f in extraction.found)
    assert all(start <= s.start <= s.end <= end for s in extraction.sentences)
    assert pickle.loads(pickle.dumps(extraction)) == extraction
    assert problems(text, temporal.resolve(extraction, dt.date(2017, 9, 6))) == []


@settings(max_examples=60, deadline=None)
@given(texts, any_dateline)
def test_any_dateline_in_the_calendar_is_survived(text: str, dct: dt.date) -> None:
    """Datelines at the ends of the calendar (year 1, year 9999) come from hostile headers."""
    assert problems(text, temporal.tag(text, dct)) == []


def test_the_validator_itself() -> None:
    good = [
        "2017",
        "2017-09",
        "2017-09-05",
        "XXXX-06",
        "2017-W36",
        "2017-W36-WE",
        "2017-Q3",
        "2017-SU",
        "201",
        "20",
        "2017-09-05TAF",
        "2017-09-05T15:30",
        "PRESENT_REF",
        "XXXX-WXX-2",
    ]
    for value in good:
        assert is_timex3_value(value, "DATE"), value
    for value in ["P3Y", "PT2H", "P1DT2H", "PXY", "P1.5Y", "P2DE"]:
        assert is_timex3_value(value, "DURATION"), value
    for value in ["", "2017-9-5", "today", "2017-13-45x", "P", "<script>", "2017-09-05T", "P3"]:
        assert not is_timex3_value(value), value


# Found by these tests, fixed in resolve.py (32bca83): each must keep working.
CRASHERS = [
    ("on April 31", dt.date(2017, 9, 6)),
    ("The deal closed February 29, 2017.", dt.date(2017, 9, 6)),
    ("31 September 2017", dt.date(2017, 9, 6)),
    ("The city was founded 3000 years ago.", dt.date(2017, 9, 6)),
    ("It fell 21 centuries ago.", dt.date(2017, 9, 6)),
    ("next year", dt.date.max),
    ("tomorrow", dt.date.max),
    ("10 years ago", dt.date(5, 1, 1)),
    ("last December", dt.date.min),
]


@pytest.mark.parametrize(("text", "dct"), CRASHERS)
def test_found_crashers_are_tagged_without_raising(text: str, dct: dt.date) -> None:
    assert problems(text, temporal.tag(text, dct)) == []
