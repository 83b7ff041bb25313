"""A merge replayed from the last one's memo gives exactly what a merge from scratch gives."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from timeline import synth
from timeline.config import Config
from timeline.events import Candidate, article_candidates
from timeline.merge import MergeMemo, merge_events
from timeline.pipeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def candidates(tmp_path_factory: pytest.TempPathFactory) -> list[Candidate]:
    """The candidates of 400 generated articles (the seeds' text under shifted datelines)."""
    project = tmp_path_factory.mktemp("replay")
    synth.write_text_corpus(project / "articles", synth.load_sources(ROOT / "seeds"), 400)
    timeline = build_timeline(Config(project=project, articles=Path("articles"), cache=False, jobs=1))
    return [c for analysis in timeline.analyses for c in article_candidates(analysis)]


def _edit(current: list[Candidate], rng: random.Random, kind: str) -> list[Candidate]:
    articles = sorted({c.article for c in current})
    victim = rng.choice(articles)
    mine = [c for c in current if c.article == victim]
    rest = [c for c in current if c.article != victim]
    if kind == "add words":
        mine = [dataclasses.replace(c, keys=c.keys | {"ministri", "corect"}) for c in mine]
    elif kind == "drop words":
        mine = [dataclasses.replace(c, keys=frozenset(sorted(c.keys)[: len(c.keys) // 2])) for c in mine]
    elif kind == "delete":
        mine = []
    elif kind == "same text, new objects":
        mine = [dataclasses.replace(c) for c in mine]
    elif kind == "move a day":
        mine = [dataclasses.replace(c, period=current[rng.randrange(len(current))].period) for c in mine]
    out = rest + mine
    rng.shuffle(out)
    return out


KINDS = ["add words", "drop words", "delete", "same text, new objects", "move a day"]


@pytest.mark.parametrize("seed", range(3))
def test_replayed_merge_equals_a_merge_from_scratch_after_each_kind_of_edit(
    candidates: list[Candidate], seed: int
) -> None:
    rng = random.Random(seed)
    memo = MergeMemo()
    current = list(candidates)
    assert merge_events(current, memo) == merge_events(current)
    for step in range(10):
        current = _edit(current, rng, KINDS[(seed + step) % len(KINDS)])
        assert merge_events(current, memo) == merge_events(current), f"step {step}"


def test_an_unchanged_merge_replays_every_decision_and_reuses_every_event(
    candidates: list[Candidate],
) -> None:
    memo = MergeMemo()
    first = merge_events(candidates, memo)
    again = merge_events(list(reversed(candidates)), memo)
    assert again == first
    assert memo.replayed == len(candidates)
    assert all(a is b for a, b in zip(first, again, strict=True))


def test_one_edited_article_leaves_most_decisions_replayed(candidates: list[Candidate]) -> None:
    memo = MergeMemo()
    merge_events(candidates, memo)
    edited = _edit(list(candidates), random.Random(7), "add words")
    merge_events(edited, memo)
    assert memo.replayed >= len(candidates) * 3 // 4
