"""The demo articles end to end through the pipeline: the siege break-through once, citing all four."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.config import Config
from timeline.model import Timeline
from timeline.pipeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return build_timeline(Config(project=ROOT, articles=Path("seeds"), cache=False, quiet=True))


def test_siege_break_through_is_one_event_on_the_day_citing_every_article(timeline: Timeline) -> None:
    siege = [e for e in timeline.events if len(e.articles) == 4]
    assert len(siege) == 1
    (event,) = siege
    assert event.period.value == "2017-09-05"
    assert set(event.articles) == {a.id for a in timeline.articles}
    assert event.text.startswith("The Syrian army broke a three-year Islamic State siege")


def test_every_dated_sentence_is_in_exactly_one_event(timeline: Timeline) -> None:
    cited = [(m.article, m.sentence_start) for e in timeline.events for m in e.mentions]
    assert len(cited) == len(set(cited))


def test_ids_are_unique_and_the_same_on_a_second_build(timeline: Timeline) -> None:
    ids = [e.id for e in timeline.events]
    assert len(ids) == len(set(ids))
    again = build_timeline(Config(project=ROOT, articles=Path("seeds"), cache=False, quiet=True))
    assert [e.id for e in again.events] == ids


def test_events_are_in_timeline_order(timeline: Timeline) -> None:
    keys = [(e.period.start, e.period.granularity) for e in timeline.events]
    assert keys == sorted(keys)
