"""A long-lived process's rebuilds (``pipeline.Memo``) give what a build from scratch gives."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from timeline import synth
from timeline.config import Config
from timeline.model import Timeline
from timeline.pipeline import Memo, build_timeline
from timeline.readers import ReadMemo, read_folder

ROOT = Path(__file__).resolve().parents[1]


def _settled(folder: Path) -> None:
    """Date every file back a minute, as files are when nobody is editing them."""
    past = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    _settled(tmp_path / "seeds")
    return tmp_path / "seeds"


def _same(a: Timeline, b: Timeline) -> bool:
    return (a.events, a.analyses, a.articles, a.problems) == (b.events, b.analyses, b.articles, b.problems)


def test_an_unchanged_file_is_not_read_again_and_gives_the_same_article(seeds: Path) -> None:
    memo = ReadMemo()
    first = read_folder(seeds, memo).articles
    second = read_folder(seeds, memo).articles
    assert memo.reused == 4
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_an_edited_file_is_read_again_and_the_others_are_not(seeds: Path) -> None:
    memo = ReadMemo()
    first = read_folder(seeds, memo).articles
    edited = seeds / first[0].path
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOn Friday the bridge reopened.\n")
    second = read_folder(seeds, memo).articles
    assert second[0] is not first[0] and "bridge reopened" in second[0].raw
    assert all(a is b for a, b in zip(first[1:], second[1:], strict=True))


def test_a_file_read_again_with_the_same_content_gives_the_same_article(seeds: Path) -> None:
    """Touched, copied over, or too new to trust: read again, and an unchanged text is the same
    article object, so nothing after the read takes it for an edit."""
    memo = ReadMemo()
    first = read_folder(seeds, memo).articles
    os.utime(seeds / first[0].path)  # modified just now, same text
    second = read_folder(seeds, memo).articles
    assert memo.reused == 3
    assert all(a is b for a, b in zip(first, second, strict=True))


def test_a_file_changed_in_the_moment_it_was_read_is_read_again(seeds: Path) -> None:
    """Same size, same times (a second edit inside the clock's tick): only the content says."""
    path = sorted(seeds.iterdir())[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")  # modified just now
    memo = ReadMemo()
    read_folder(seeds, memo)
    stamp = path.stat()
    changed = text.rstrip("\n")[:-1] + "Z" + "\n"  # one character, same size
    assert len(changed) == len(text.rstrip("\n")) + 1 and changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    again = read_folder(seeds, memo).articles
    assert next(a.raw for a in again if a.path == path.name).rstrip().endswith("Z")


def test_rebuilds_after_edits_additions_deletions_and_metadata_equal_fresh_builds(seeds: Path) -> None:
    config = Config(project=seeds.parent, articles=Path("seeds"), cache=False, jobs=1, quiet=True)
    memo = Memo()

    def check() -> Timeline:
        warm = build_timeline(config, memo=memo)
        assert _same(warm, build_timeline(config))
        return warm

    check()
    assert check().events  # unchanged: everything from the memo
    assert memo.reads.reused == 4 and memo.merge.replayed > 0
    wsj = seeds / "wsj-military-advances.txt"
    wsj.write_text(wsj.read_text(encoding="utf-8") + "\nOn Thursday the army reached the airport.\n")
    check()
    (seeds / "extra.txt").write_text(
        "BEIRUT (Reuters) - Syrian forces reached the air base on Thursday, the army said.\n",
        encoding="utf-8",
    )
    check()
    (seeds / "reuters-siege-broken.txt").unlink()
    check()
    (seeds / "timeline.yml").write_text("extra.txt:\n  date: 2017-09-08\n  source: Reuters\n")
    dated = check()
    assert dated.article("extra").dateline.where == "metadata"


def test_the_memo_forgets_articles_that_are_gone(seeds: Path) -> None:
    config = Config(project=seeds.parent, articles=Path("seeds"), cache=False, jobs=1, quiet=True)
    memo = Memo()
    build_timeline(config, memo=memo)
    kept, *gone = sorted(seeds.iterdir())
    for path in gone:
        path.unlink()
    (remaining,) = build_timeline(config, memo=memo).articles
    assert list(memo.reads.files) == [kept.name]
    assert {c.article for c in memo.merge.order} == {remaining.id}


def test_undated_articles_are_searched_again_only_where_the_known_events_changed(tmp_path: Path) -> None:
    """After an edit of a dated article, an undated one whose searches of the known events touch
    the change makes those searches again, keeps its dateline when they find what they found,
    and is inferred again when they do not; every rebuild equals a fresh build."""
    synth.write_text_corpus(tmp_path / "articles", synth.load_sources(ROOT / "seeds"), 300)
    _settled(tmp_path / "articles")
    config = Config(project=tmp_path, articles=Path("articles"), cache=False, jobs=1, quiet=True)
    memo = Memo()

    def check() -> Timeline:
        warm = build_timeline(config, memo=memo)
        assert _same(warm, build_timeline(config))
        return warm

    undated = [a for a in check().articles if a.dateline.origin == "inferred"]
    assert undated
    files = sorted((tmp_path / "articles").rglob("*.txt"))

    def append(path: Path, sentence: str) -> None:
        path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")

    append(files[1], "The Syrian army broke the siege on Tuesday, the ministry said.")
    check()
    assert memo.inference.searched_again > 0 and memo.inference.reused == len(undated)
    append(files[5], "Syrian troops and their allies reached the city on Tuesday.")
    check()
    # the article whose event dated an undated one is gone: that one is inferred again
    (_, _, _, asked), *_ = memo.inference.rounds[0].results.values()
    source = next(lookup.found[0][0].article for lookup in asked if lookup.found is not None)
    next(p for p in files if source.endswith(p.stem)).unlink()
    check()
    assert memo.inference.reused < len(undated)
