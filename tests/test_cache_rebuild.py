"""The extraction cache: only changed articles are re-tagged, and a bad cache is never trusted."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import threading
import zlib
from pathlib import Path

import pytest

from timeline import temporal
from timeline.cache import ExtractionCache, cache_path, content_key, decode, encode, tool_version
from timeline.config import Config
from timeline.engine import extract_with_stats
from timeline.readers import read_folder

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    return articles


def run(folder: Path) -> tuple[list[temporal.Extraction], int, int]:
    """Extract the folder with the cache; (extractions, articles from cache, articles tagged)."""
    articles = read_folder(folder).articles
    extractions, stats = extract_with_stats(articles, Config(articles=folder, quiet=True))
    return extractions, stats.cached, stats.extracted


def fresh(folder: Path) -> list[temporal.Extraction]:
    return [temporal.extract(a.raw, a.body_start, a.body_end) for a in read_folder(folder).articles]


def test_the_cache_lives_beside_the_articles_folder_not_in_it(folder: Path) -> None:
    run(folder)
    assert cache_path(folder) == folder.parent / ".timeline-cache" / "articles.sqlite"
    assert cache_path(folder).is_file()
    assert not any(p.suffix == ".sqlite" for p in folder.rglob("*"))


def test_unchanged_articles_come_from_the_cache(folder: Path) -> None:
    first, cached, extracted = run(folder)
    assert (cached, extracted) == (0, 4)
    second, cached, extracted = run(folder)
    assert (cached, extracted) == (4, 0)
    assert second == first == fresh(folder)


def test_a_changed_article_alone_is_tagged_again(folder: Path) -> None:
    run(folder)
    edited = folder / "wsj-military-advances.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nThe talks resume on Friday.\n", encoding="utf-8"
    )
    extractions, cached, extracted = run(folder)
    assert (cached, extracted) == (3, 1)
    assert extractions == fresh(folder)
    assert any(f.text == "Friday" for x in extractions for f in x.found)


def test_a_deleted_article_leaves_the_cache(folder: Path) -> None:
    run(folder)
    gone = folder / "reuters-siege-broken.txt"
    key = content_key(next(a for a in read_folder(folder).articles if a.path == gone.name))
    with ExtractionCache(cache_path(folder)) as cache:
        assert key in set(cache.keys())
    gone.unlink()
    _, cached, extracted = run(folder)
    assert (cached, extracted) == (3, 0)
    with ExtractionCache(cache_path(folder)) as cache:
        assert key not in set(cache.keys())
        assert len(set(cache.keys())) == 3


def test_another_tool_version_neither_reads_nor_keeps_old_entries(folder: Path) -> None:
    run(folder)
    keys = [content_key(a) for a in read_folder(folder).articles]
    with ExtractionCache(cache_path(folder), version="0.0.1+older-grammar") as old:
        assert old.get_many(keys) == {}
        old.put_many([(keys[0], "made by an older tagger")])
    _, cached, _ = run(folder)  # the current version: the old row is dropped, not trusted
    assert cached == 4
    with ExtractionCache(cache_path(folder), version="0.0.1+older-grammar") as old:
        assert list(old.keys()) == []


def test_the_version_fingerprints_the_tagger_source() -> None:
    version = tool_version()
    package, fingerprint = version.split("+")
    assert package and len(fingerprint) == 16


def test_a_corrupt_database_file_is_rebuilt(folder: Path) -> None:
    run(folder)
    path = cache_path(folder)
    path.write_bytes(b"this is not an SQLite database" * 100)
    articles = read_folder(folder).articles
    extractions, stats = extract_with_stats(articles, Config(articles=folder, quiet=True))
    assert stats.cache_rebuilt and stats.cached == 0 and stats.extracted == 4
    assert extractions == fresh(folder)
    _, cached, extracted = run(folder)
    assert (cached, extracted) == (4, 0)


def test_a_damaged_entry_is_a_miss_never_a_wrong_result(folder: Path) -> None:
    run(folder)
    with sqlite3.connect(cache_path(folder)) as db:
        db.execute(
            "UPDATE extractions SET payload = substr(payload, 1, 20) || x'00ff00ff' || substr(payload, 25)"
        )
    extractions, cached, extracted = run(folder)
    assert (cached, extracted) == (0, 4)
    assert extractions == fresh(folder)


class _Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("a planted cache entry ran code",))


def test_a_planted_pickle_cannot_run_code() -> None:
    payload, checksum = encode(_Planted())
    with pytest.raises(Exception, match=r"may not load builtins\.print"):
        decode(payload, checksum)


def test_values_round_trip_through_encode_and_decode() -> None:
    extraction = temporal.extract("The army reached the city on Tuesday, 5 September 2017.")
    assert decode(*encode(extraction)) == extraction
    payload, _ = encode(extraction)
    assert pickle.loads(zlib.decompress(payload)) == extraction


def test_concurrent_readers_and_a_writer_share_the_file(folder: Path) -> None:
    run(folder)
    keys = [content_key(a) for a in read_folder(folder).articles]
    errors: list[BaseException] = []

    def read_many() -> None:
        try:
            with ExtractionCache(cache_path(folder)) as cache:
                for _ in range(20):
                    assert len(cache.get_many(keys)) == 4
        except BaseException as e:
            errors.append(e)

    readers = [threading.Thread(target=read_many) for _ in range(3)]
    for t in readers:
        t.start()
    with ExtractionCache(cache_path(folder)) as writer:
        for i in range(20):
            writer.put_many([(f"extra-{i}", temporal.extract(f"On Monday {i} people met."))])
    for t in readers:
        t.join()
    assert errors == []
