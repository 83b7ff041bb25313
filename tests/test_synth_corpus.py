"""The synthetic corpus generator: deterministic, realistic, readable by the project's readers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from timeline import synth
from timeline.readers import read_folder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false">01/08/1998</TIMEX3></DCT>
<TEXT>
The talks opened <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> in Geneva
and the delegates met again this morning.

A deal is expected by <TIMEX3 tid="t2" type="DATE" value="1998-03">March</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_the_same_call_writes_the_same_bytes(tmp_path: Path) -> None:
    sources = synth.load_sources(SEEDS)
    a = synth.write_text_corpus(tmp_path / "a", sources, 30)
    b = synth.write_text_corpus(tmp_path / "b", sources, 30)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_a_small_corpus_is_the_start_of_a_bigger_one() -> None:
    sources = synth.load_sources(SEEDS)
    small = list(synth.articles(sources, 10))
    big = list(synth.articles(sources, 50))
    assert big[:10] == small
    assert len({a.body for a in big}) > 10  # windows vary, so content hashes differ


def test_text_articles_read_back_with_their_shifted_dateline(tmp_path: Path) -> None:
    sources = synth.load_sources(SEEDS)
    synth.write_text_corpus(tmp_path, sources, 12)
    read = read_folder(tmp_path)
    assert read.problems == ()
    assert len(read.articles) == 12
    made = {a.id: a for a in synth.articles(sources, 12)}
    for article in read.articles:
        expected = made[article.path.rsplit("/", 1)[1].removesuffix(".txt")]
        assert article.dateline.date == expected.dateline
        assert article.dateline.origin == "explicit"
        assert article.body.strip() == expected.body.strip()
        leads = {s.origin: s.paragraphs[0] for s in sources}
        assert expected.body.startswith(leads[expected.origin])  # the lead is always kept


def test_datelines_are_shifted_within_bounds_and_never_from_today() -> None:
    sources = synth.load_sources(SEEDS)
    bases = {s.origin: s.dateline for s in sources}
    for a in synth.articles(sources, 200):
        assert abs((a.dateline - bases[a.origin]).days) <= synth.MAX_SHIFT_DAYS
    assert all(s.dateline in (dt.date(2017, 9, 6), synth.UNDATED_BASE) for s in sources)


def test_jsonl_shards_hold_one_article_a_line(tmp_path: Path) -> None:
    sources = synth.load_sources(SEEDS)
    shards = synth.write_jsonl_shards(tmp_path, sources, 25, per_shard=10)
    assert [p.name for p in shards] == ["shard-00000.jsonl", "shard-00001.jsonl", "shard-00002.jsonl"]
    records = [json.loads(line) for p in shards for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"synth-{i:07d}" for i in range(25)]
    assert all(set(r) == {"id", "title", "date", "source", "text"} for r in records)


def test_timeml_documents_become_sources_with_their_dct(tmp_path: Path) -> None:
    (tmp_path / "tiny.tml").write_text(TIMEML, encoding="utf-8")
    sources = synth.load_sources(SEEDS, tmp_path)
    tiny = [s for s in sources if s.origin == "timebank/tiny.tml"]
    assert len(tiny) == 1
    assert tiny[0].dateline == dt.date(1998, 1, 8)
    assert tiny[0].paragraphs[0].startswith("The talks opened yesterday in Geneva and the delegates")


def test_about_one_article_in_fifty_has_no_date_for_inference_to_find(tmp_path: Path) -> None:
    synth.write_text_corpus(tmp_path / "txt", synth.load_sources(SEEDS), 500)
    synth.write_jsonl_shards(tmp_path / "jsonl", synth.load_sources(SEEDS), 500)
    for folder in ("txt", "jsonl"):
        articles = read_folder(tmp_path / folder).articles
        undated = [a for a in articles if a.dateline.date is None]
        assert 3 <= len(undated) <= 25, folder
        assert all(a.dateline.origin == "none" for a in undated)
