"""Where extraction runs never changes the result: one process, many, a Dask cluster, the cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import forking, synth
from timeline.cli import main
from timeline.config import Config
from timeline.engine import INLINE_BELOW, EngineError, extract_with_stats
from timeline.readers import read_folder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COUNT = INLINE_BELOW + 8  # enough that --jobs 2 really starts a pool


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    synth.write_text_corpus(folder, synth.load_sources(SEEDS), COUNT)
    return folder


def export(folder: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["export", str(folder), "--format", "json", "--quiet", *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_one_process_and_two_give_the_same_extractions(corpus: Path) -> None:
    articles = read_folder(corpus).articles
    config = Config(articles=corpus, cache=False, quiet=True)
    one, stats_one = extract_with_stats(articles, config.with_(jobs=1))
    two, stats_two = extract_with_stats(articles, config.with_(jobs=2))
    assert one == two
    assert stats_one.extracted == stats_two.extracted == COUNT


def test_exports_are_byte_identical_across_job_counts_and_a_warm_cache(corpus: Path) -> None:
    cold = export(corpus, "--no-cache", "--jobs", "1")
    assert export(corpus, "--no-cache", "--jobs", "2") == cold
    assert export(corpus, "--jobs", "2") == cold  # fills the cache
    assert export(corpus) == cold  # read back from it


def test_dask_engine_on_a_local_cluster_is_byte_identical_to_local(corpus: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local = export(corpus, "--no-cache", "--jobs", "1")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = export(corpus, "--no-cache", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert on_dask == local


def test_dask_engine_without_a_scheduler_says_how_to_give_one(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    articles = read_folder(corpus).articles
    with pytest.raises(EngineError, match="DASK_SCHEDULER_ADDRESS"):
        extract_with_stats(articles, Config(articles=corpus, cache=False, engine="dask", quiet=True))
    result = CliRunner().invoke(main, ["export", str(corpus), "--no-cache", "--engine", "dask"])
    assert result.exit_code != 0
    assert "--scheduler" in result.output


def test_resolving_and_rendering_on_two_processes_give_the_same_output(tmp_path: Path) -> None:
    """Past forking.PARALLEL_FROM articles, resolving and rendering fork workers too (in a fresh,
    single-threaded interpreter: run as the command)."""
    synth.write_text_corpus(tmp_path / "articles", synth.load_sources(SEEDS), forking.PARALLEL_FROM + 40)
    outputs = []
    for jobs in ("1", "2"):
        command = [sys.executable, "-m", "timeline", "export", "articles", "--format", "json", "-q"]
        done = subprocess.run([*command, "--jobs", jobs], cwd=tmp_path, capture_output=True, check=True)
        build = [sys.executable, "-m", "timeline", "build", "--articles", "articles", "--no-site", "-q"]
        subprocess.run([*build, "--jobs", jobs], cwd=tmp_path, capture_output=True, check=True)
        pages = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "site_src").rglob("*.md")}
        outputs.append((done.stdout, pages))
    assert len(outputs[0][1]) > forking.PARALLEL_FROM
    assert outputs[0] == outputs[1]
