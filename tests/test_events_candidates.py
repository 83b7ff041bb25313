"""Events from dated sentences: which expression governs, what status, what text."""

from __future__ import annotations

import datetime as dt

from timeline import temporal
from timeline.events import Candidate, all_candidates
from timeline.model import Article, ArticleAnalysis, Dateline


def analyse(text: str, dateline: dt.date | None, article_id: str = "a") -> ArticleAnalysis:
    origin = "explicit" if dateline else "none"
    article = Article(
        article_id, f"{article_id}.txt", text, 0, len(text), dateline=Dateline(dateline, origin)
    )
    extraction = temporal.extract(text)
    return ArticleAnalysis(article, extraction.sentences, temporal.resolve(extraction, dateline))


def candidates(text: str, dateline: dt.date | None = dt.date(2017, 9, 6)) -> list[Candidate]:
    return all_candidates([analyse(text, dateline)])


def test_one_event_per_dated_sentence_and_none_for_undated_sentences() -> None:
    found = candidates("The army broke the siege on Tuesday. Fighting raged around the city.")
    assert len(found) == 1
    assert found[0].period.value == "2017-09-05"


def test_durations_and_vague_references_place_no_event() -> None:
    assert candidates("The siege lasted three years. Fighters were recently seen near the base.") == []


def test_foreground_date_governs_over_background_since() -> None:
    text = "Troops besieged since 2014 were reached by the army on Tuesday."
    (event,) = candidates(text)
    assert event.period.value == "2017-09-05"
    assert event.mention.expression == "Tuesday"
    assert event.status == "happened"


def test_since_alone_makes_an_ongoing_state_with_a_start() -> None:
    (event,) = candidates("Islamic State has trapped thousands of civilians in the city since 2014.")
    assert event.status == "ongoing"
    assert event.period.value == "2014"


def test_future_date_is_expected_not_happened() -> None:
    (event,) = candidates("The foreign ministers will meet in October to discuss the ceasefire.")
    assert event.period.value == "2017-10"
    assert event.status == "expected"


def test_text_is_trimmed_of_attribution_and_wire_dateline_but_citation_keeps_sentence() -> None:
    text = (
        "BEIRUT (Reuters) - Syrian forces on Tuesday reached troops besieged in Deir al-Zor, the army said."
    )
    (event,) = candidates(text)
    assert event.text == "Syrian forces on Tuesday reached troops besieged in Deir al-Zor."
    assert event.mention.sentence == text


def test_tokenized_lower_case_text_keeps_its_style() -> None:
    text = "on wednesday , army advances gained control of four villages there , a military media unit said ."
    (event,) = candidates(text)
    assert event.text == "on wednesday , army advances gained control of four villages there ."
    assert event.period.value == "2017-09-06"
