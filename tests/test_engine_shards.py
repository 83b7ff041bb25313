"""A corpus in JSON Lines shards: one Dask task per shard, one result file per shard."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import synth, temporal
from timeline.cache import content_key
from timeline.engine import extract_shards, read_shard_result
from timeline.readers import read_folder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_each_shard_is_extracted_where_it_lies_and_written_beside_the_others(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    shards = synth.write_jsonl_shards(tmp_path / "corpus", synth.load_sources(SEEDS), 9, per_shard=4)
    results = tmp_path / "results"
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        done = extract_shards([str(s) for s in shards], str(results), cluster.scheduler_address)
    assert [d.articles for d in done] == [4, 4, 1]
    assert [Path(d.output).name for d in done] == [
        "shard-00000.extractions",
        "shard-00001.extractions",
        "shard-00002.extractions",
    ]
    local = read_folder(tmp_path / "corpus").articles
    records = [r for d in done for r in read_shard_result(d.output)]
    assert [key for key, _, _ in records] == [content_key(a) for a in local]
    assert [x for _, _, x in records] == [temporal.extract(a.raw, a.body_start, a.body_end) for a in local]
