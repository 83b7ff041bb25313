"""Pages rendered on several processes are the pages rendered in one."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from timeline import render, synth
from timeline.config import Config
from timeline.pipeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]


def test_rendering_on_two_processes_gives_the_same_pages(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pools: list[int] = []
    fork = multiprocessing.get_context("fork")
    pool = fork.Pool

    def counted(processes: int):  # type: ignore[no-untyped-def]
        pools.append(processes)
        return pool(processes)

    monkeypatch.setattr(fork, "Pool", counted)
    count = render.PARALLEL_FROM + 50
    synth.write_text_corpus(tmp_path / "articles", synth.load_sources(ROOT / "seeds"), count)
    timeline = build_timeline(Config(project=tmp_path, articles=Path("articles"), cache=False, quiet=True))
    one = render.render_pages(timeline, "T", prefix="timeline/", max_events_per_page=50, jobs=1)
    two = render.render_pages(timeline, "T", prefix="timeline/", max_events_per_page=50, jobs=2)
    assert pools == [2]  # the second render used a pool of two processes, the first none
    assert len(one) > count
    assert list(one) == list(two)
    assert one == two
