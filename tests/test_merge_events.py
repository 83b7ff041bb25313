"""Merging candidates across articles: same event once, different events apart, stable ids."""

from __future__ import annotations

import datetime as dt

from timeline import temporal
from timeline.events import all_candidates
from timeline.merge import merge_events
from timeline.model import Article, ArticleAnalysis, Dateline, Event

TUESDAY = dt.date(2017, 9, 5)


def analyse(article_id: str, text: str, dateline: dt.date) -> ArticleAnalysis:
    article = Article(
        article_id, f"{article_id}.txt", text, 0, len(text), dateline=Dateline(dateline, "explicit")
    )
    extraction = temporal.extract(text)
    return ArticleAnalysis(article, extraction.sentences, temporal.resolve(extraction, dateline))


def merged(*articles: tuple[str, str, dt.date]) -> tuple[Event, ...]:
    return merge_events(all_candidates([analyse(*a) for a in articles]))


SIEGE_A = (
    "wsj",
    "The Syrian army broke a three-year Islamic State siege in the eastern city of Deir Ezzour on Tuesday.",
    dt.date(2017, 9, 6),
)
SIEGE_B = (
    "reuters",
    "syrian government forces on tuesday broke the islamic state siege of the eastern city of deir al-zor , "
    "the army said .",
    TUESDAY,
)
STRIKES = (
    "monitor",
    "Russian air strikes killed 17 civilians in a village near Deir al-Zor on Tuesday.",
    TUESDAY,
)
UNRELATED = ("sport", "The national football team won the regional cup final in Amman on Tuesday.", TUESDAY)


def test_same_event_in_two_spellings_and_cases_becomes_one_event_citing_both() -> None:
    (event,) = merged(SIEGE_A, SIEGE_B)
    assert event.period.value == "2017-09-05"
    assert set(event.articles) == {"wsj", "reuters"}
    assert event.text.startswith("The Syrian army broke")  # edited text of the explicit dateline


def test_different_events_on_the_same_day_stay_apart() -> None:
    events = merged(SIEGE_A, STRIKES)
    assert len(events) == 2
    assert {e.articles for e in events} == {("wsj",), ("monitor",)}


def test_week_mention_joins_the_day_event_it_describes_and_keeps_the_day() -> None:
    week = (
        "weekly",
        "The Syrian army this week broke the three-year Islamic State siege of the eastern city "
        "of Deir al-Zor.",
        dt.date(2017, 9, 10),
    )
    (event,) = merged(SIEGE_A, week)
    assert event.period.value == "2017-09-05"
    assert {m.value for m in event.mentions} == {"2017-09-05", "2017-W36"}


def test_same_event_with_different_dates_is_one_event_with_conflicts_marked() -> None:
    wrong = (
        "late",
        "The Syrian army broke a three-year Islamic State siege in the eastern city of Deir Ezzour "
        "on Monday.",
        dt.date(2017, 9, 6),
    )
    other = (
        "other",
        "syrian army broke three-year islamic state siege in eastern city of deir al-zor on tuesday .",
        dt.date(2017, 9, 7),
    )
    (event,) = merged(SIEGE_A, wrong, other)
    assert event.period.value == "2017-09-05"
    assert [(c.period.value, c.articles) for c in event.conflicts] == [
        ("2017-09-04", ("late",)),
        ("2017-09-05", ("other", "wsj")),
    ]


def test_ids_are_stable_when_an_unrelated_article_is_added() -> None:
    before = {e.text: e.id for e in merged(SIEGE_A, SIEGE_B, STRIKES)}
    after = {e.text: e.id for e in merged(UNRELATED, SIEGE_A, STRIKES, SIEGE_B)}
    assert before.items() <= after.items()
    assert len(set(after.values())) == len(after)


def test_order_is_start_then_finer_granularity_then_first_report() -> None:
    month = (
        "m",
        "Rebels lost the town of Khan Sheikhoun in September, officials said.",
        dt.date(2017, 9, 30),
    )
    day = ("d", "The port of Latakia was closed by a storm on 1 September 2017.", dt.date(2017, 9, 2))
    early = ("e", "A convoy of aid trucks reached Aleppo on Tuesday.", TUESDAY)
    events = merged(month, early, day)
    assert [e.period.value for e in events] == ["2017-09-01", "2017-09", "2017-09-05"]


def test_a_fiscal_quarter_is_not_merged_with_the_calendar_quarter_of_the_same_number() -> None:
    # both are "1989-Q1", but one is July to September and the other January to March
    dct = dt.date(1989, 10, 26)
    told = "Results came for the first quarter ended {}. In the quarter, airline profits soared."
    fiscal = ("delta", told.format("Sept. 30"), dct)
    calendar = ("air", told.format("March 31"), dct)
    quarters = [e for e in merged(fiscal, calendar) if e.period.granularity.label == "quarter"]
    assert sorted((e.period.value, e.period.start.month, e.articles) for e in quarters) == [
        ("1989-Q1", 1, ("air",)),
        ("1989-Q1", 7, ("delta",)),
    ]
