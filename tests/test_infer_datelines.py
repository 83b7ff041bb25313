"""Dateline inference: from shared events, own relative expressions and the lead convention."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline import temporal
from timeline.infer import infer_datelines
from timeline.model import Article, Dateline
from timeline.readers import read_folder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(article_id: str, text: str, dateline: dt.date | None = None) -> Article:
    line = Dateline(dateline, "explicit", "header") if dateline else Dateline(None, "none")
    return Article(article_id, f"{article_id}.txt", text, 0, len(text), dateline=line)


def infer(*articles: Article) -> dict[str, Dateline]:
    return infer_datelines(articles, [temporal.extract(a.raw, a.body_start, a.body_end) for a in articles])


DATED = article(
    "dated",
    "The Syrian army broke a three-year Islamic State siege in the eastern city of Deir Ezzour on Tuesday.",
    dt.date(2017, 9, 6),
)


def test_seed_articles_get_their_datelines_from_the_corpus() -> None:
    read = read_folder(SEEDS)
    got = infer_datelines(
        read.articles, [temporal.extract(a.raw, a.body_start, a.body_end) for a in read.articles]
    )
    assert {k: (v.date, v.origin) for k, v in got.items()} == {
        "reuters-siege-broken": (dt.date(2017, 9, 5), "inferred"),
        "reuters-deir-al-zor-corridor": (dt.date(2017, 9, 6), "inferred"),
        "reuters-offensives-converge": (dt.date(2017, 9, 10), "inferred"),
        "wsj-military-advances": (dt.date(2017, 9, 6), "explicit"),
    }
    evidence = " ".join(got["reuters-siege-broken"].evidence)
    assert "Tuesday 5 September 2017" in evidence and "wsj-military-advances" in evidence


def test_weekday_report_of_a_known_event_dates_the_article_on_the_earliest_consistent_day() -> None:
    undated = article(
        "undated", "syrian forces broke the islamic state siege of deir al-zor city on tuesday ."
    )
    line = infer(DATED, undated)["undated"]
    assert line.origin == "inferred"
    assert line.date == dt.date(2017, 9, 5)
    assert any("dated" in e and "'tuesday'" in e for e in line.evidence)


def test_a_day_after_the_known_event_dates_the_article_the_next_day() -> None:
    undated = article(
        "after",
        "Fighting raged in the city a day after the Syrian army broke the Islamic State siege "
        "of Deir al-Zor.",
    )
    assert infer(DATED, undated)["after"].date == dt.date(2017, 9, 6)


def test_lead_is_newest_pushes_the_date_to_the_lead_weekday() -> None:
    undated = article(
        "later",
        "Rebels and government forces clashed near Hama on Sunday.\n"
        "The Syrian army this week broke the Islamic State siege of the eastern city of Deir al-Zor.",
    )
    line = infer(DATED, undated)["later"]
    assert line.date == dt.date(2017, 9, 10)
    assert any("lead" in e for e in line.evidence)


def test_undated_article_without_evidence_stays_undated() -> None:
    lonely = article("lonely", "The football team won the cup final in Amman on Tuesday.")
    assert infer(DATED, lonely)["lonely"] == Dateline(None, "none")
    assert infer(lonely)["lonely"] == Dateline(None, "none")


def test_explicit_datelines_are_kept_as_they_are() -> None:
    assert infer(DATED)["dated"] == DATED.dateline
