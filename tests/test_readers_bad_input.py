"""Encodings people have, and bad input: one clear Problem naming the file, the others unaffected."""

from __future__ import annotations

import codecs
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from timeline import export
from timeline.config import Config
from timeline.model import Problem
from timeline.pipeline import BuildError, build_timeline
from timeline.readers import MAX_FILE_BYTES, jsonl, read_folder

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Café owners in Zürich said on Tuesday “prices” rose 5 € — again.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16 with BOM (native order)"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (TEXT.encode("cp1252"), "Windows-1252"),
    ],
)
def test_encodings_are_decoded_and_the_file_left_alone(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    before = os.stat(path)
    result = read_folder(tmp_path)
    assert result.problems == (), encoding
    [article] = result.articles
    assert article.raw == TEXT and article.body == TEXT.strip(), encoding
    after = os.stat(path)
    assert path.read_bytes() == encoded and after.st_mtime_ns == before.st_mtime_ns


def test_latin1_text_is_read_as_latin1(tmp_path: Path) -> None:
    text = "Señor Müller's café reopened on Monday; prices rose ½ per cent.\n"
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    [article] = read_folder(tmp_path).articles
    assert article.raw == text


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b" \n\n\t\n", "holds only whitespace"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "looks like a binary file"),
    "undecodable.txt": (b"The army \x81\x8d\x90 advanced.\n", "is neither UTF-8 nor Windows-1252"),
    "broken-utf8.txt": ("Zürich café ".encode() + b"\xff" + " naïve\n".encode(), "is not valid UTF-8"),
    "bad-front-matter.md": (
        b"---\ntitle: [unclosed\ndate: x\n---\nThe vote was held on Monday.\n",
        "not valid YAML",
    ),
    "impossible.txt": (
        b"Headline\n\n300 words\n30 February 2017\nThe Paper\nCopyright 2017\n\n"
        b"The vote was held on Monday.\n",
        "'30 February 2017' is not a real date",
    ),
    "only-header.txt": (
        b"Headline\n\n300 words\n3 February 2017\nThe Paper\nCopyright 2017\n\n",
        "no article text",
    ),
    "unclosed.md": (b"---\ntitle: x\nThe body never starts.\n", "never closed"),
}


def test_each_bad_file_gets_one_problem_naming_it(tmp_path: Path) -> None:
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    result = read_folder(tmp_path)
    for name, (_, message) in BAD_FILES.items():
        problems = [p for p in result.problems if p.path == name]
        assert len(problems) == 1, (name, problems)
        assert message in problems[0].message, (name, problems[0].message)
    assert len(result.problems) == len(BAD_FILES)


def test_bad_front_matter_and_impossible_date_still_keep_the_text(tmp_path: Path) -> None:
    for name in ("bad-front-matter.md", "impossible.txt"):
        (tmp_path / name).write_bytes(BAD_FILES[name][0])
    articles = {a.path: a for a in read_folder(tmp_path).articles}
    assert articles.keys() == {"bad-front-matter.md", "impossible.txt"}
    for article in articles.values():
        assert article.body == "The vote was held on Monday."
        assert article.dateline.origin == "none"


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    (tmp_path / "fine.txt").write_text("The vote was held on Monday.\n", encoding="utf-8")
    result = read_folder(tmp_path)
    assert [a.path for a in result.articles] == ["fine.txt"]
    assert [str(p) for p in result.problems] == [
        "huge.txt: is 50.0 MB, more than the 20 MB an article file may have; not read "
        "(split it into articles, or use JSON Lines)"
    ]
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


def test_symbolic_links_outside_the_folder_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("SECRET-TOKEN the vault opened on Monday.\n", encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "inside.txt").write_text("The vote was held on Monday.\n", encoding="utf-8")
    (articles / "leak.txt").symlink_to(secret)
    (articles / "leak-dir").symlink_to(outside, target_is_directory=True)
    (articles / "alias.txt").symlink_to(articles / "inside.txt")
    (articles / "dangling.txt").symlink_to(articles / "gone.txt")
    result = read_folder(articles)
    assert sorted(a.path for a in result.articles) == ["alias.txt", "inside.txt"]
    assert all("SECRET" not in a.raw for a in result.articles)
    messages = {p.path: p.message for p in result.problems}
    assert messages == {
        "leak.txt": "is a symbolic link to something outside the articles folder; not read",
        "leak-dir": "is a symbolic link to something outside the articles folder; not read",
        "dangling.txt": "is a broken symbolic link",
    }


def test_a_fifo_does_not_block_the_build(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "fine.txt").write_text("The vote was held on Monday.\n", encoding="utf-8")
    result = read_folder(tmp_path)
    assert [a.path for a in result.articles] == ["fine.txt"]
    assert [str(p) for p in result.problems] == ["pipe.txt: is not a regular file; not read"]


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    result = read_folder(tmp_path / "nope")
    assert result.articles == () and len(result.problems) == 1


def test_metadata_file_problems_name_the_metadata_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The vote was held on Monday.\n", encoding="utf-8")
    (tmp_path / "timeline.yml").write_text(
        "a.txt:\n  date: 2017-02-30\n  title: [1, 2]\nmissing.txt:\n  date: 2017-09-05\n", encoding="utf-8"
    )
    result = read_folder(tmp_path)
    assert [a.dateline.origin for a in result.articles] == ["none"]
    assert sorted(str(p) for p in result.problems) == [
        "timeline.yml: 'missing.txt' names no article in the folder; ignored",
        "timeline.yml: a.txt: date '2017-02-30' is not a real date; it was ignored",
        "timeline.yml: a.txt: title must be text, not list; it was ignored",
    ]
    (tmp_path / "timeline.yml").write_text("a.txt: [unclosed\n", encoding="utf-8")
    result = read_folder(tmp_path)
    assert len(result.articles) == 1
    assert [p.path for p in result.problems] == ["timeline.yml"]
    assert "is not valid YAML" in result.problems[0].message


def test_json_lines_long_lines_and_floods_of_bad_lines() -> None:
    good = json.dumps({"text": "The vote was held on Monday."}).encode() + b"\n"
    data = good + b"x" * 5000 + b"\n" + good + b"{bad\n" * 30
    items = list(jsonl.read_stream("f.jsonl", "f", io.BytesIO(data), limit=1000))
    articles = [i for i in items if not isinstance(i, Problem)]
    problems = [str(i) for i in items if isinstance(i, Problem)]
    assert [a.path for a in articles] == ["f.jsonl#1", "f.jsonl#3"]
    assert problems[0] == "f.jsonl#2: line is longer than 0 MB; skipped" or problems[0].startswith(
        "f.jsonl#2: line"
    )
    assert len(problems) == jsonl.MAX_LINE_PROBLEMS + 1
    assert (
        problems[-1]
        == f"f.jsonl: 31 lines could not be read; only the first {jsonl.MAX_LINE_PROBLEMS} are listed"
    )


#: Bad files whose text is still usable: read, undated or without metadata, with a Problem.
KEPT = ("bad-front-matter.md", "impossible.txt", "unclosed.md")


def test_bad_files_leave_the_good_articles_events_intact(tmp_path: Path) -> None:
    """The seeds' export is identical, byte for byte, with every refused input beside them."""
    clean = tmp_path / "clean"
    shutil.copytree(ROOT / "seeds", clean / "seeds")
    dirty = tmp_path / "dirty"
    shutil.copytree(ROOT / "seeds", dirty / "seeds")
    refused = [name for name in BAD_FILES if name not in KEPT]
    for name in refused:
        (dirty / "seeds" / name).write_bytes(BAD_FILES[name][0])
    with (dirty / "seeds" / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    (tmp_path / "secret.txt").write_text("SECRET on Monday.\n", encoding="utf-8")
    (dirty / "seeds" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (dirty / "seeds" / "feed.jsonl").write_bytes(b"{not json\n")

    def build(project: Path) -> tuple[str, tuple[Problem, ...]]:
        timeline = build_timeline(Config(project=project, cache=False, jobs=1))
        return export.to_json(timeline), timeline.problems

    expected, no_problems = build(clean)
    got, problems = build(dirty)
    assert no_problems == ()
    assert got == expected
    assert "SECRET" not in got
    assert sorted(p.path for p in problems) == sorted([*refused, "huge.txt", "leak.txt", "feed.jsonl#1"])


def test_kept_bad_files_do_not_change_the_seeds_events(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    expected = export.to_data(build_timeline(Config(project=tmp_path, cache=False, jobs=1)))
    for name in KEPT:
        (tmp_path / "seeds" / name).write_bytes(BAD_FILES[name][0])
    timeline = build_timeline(Config(project=tmp_path, cache=False, jobs=1))
    got = export.to_data(timeline)
    assert got["events"] == expected["events"]
    dates = {a["id"]: (a["dateline"]["date"], a["dateline"]["origin"]) for a in got["articles"]}
    for article in expected["articles"]:
        assert dates[article["id"]] == (article["dateline"]["date"], article["dateline"]["origin"])
    assert sorted(p.path for p in timeline.problems) == sorted(KEPT)


def test_a_folder_of_only_bad_files_stops_the_build_naming_each(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "empty.txt").write_bytes(b"")
    (tmp_path / "seeds" / "image.txt").write_bytes(BAD_FILES["image.txt"][0])
    with pytest.raises(BuildError) as caught:
        build_timeline(Config(project=tmp_path, cache=False, jobs=1))
    assert "empty.txt: is empty" in str(caught.value)
    assert "image.txt: looks like a binary file" in str(caught.value)


def test_strict_refuses_articles_without_an_explicit_dateline(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "2017-09-05-dated.txt").write_text(
        "The vote was held on Monday.\n", encoding="utf-8"
    )
    (tmp_path / "seeds" / "undated.txt").write_text("The vote was held on Monday.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"undated\.txt"):
        build_timeline(Config(project=tmp_path, cache=False, jobs=1, strict=True))
    (tmp_path / "seeds" / "timeline.yml").write_text("undated.txt:\n  date: 2017-09-04\n", encoding="utf-8")
    timeline = build_timeline(Config(project=tmp_path, cache=False, jobs=1, strict=True))
    assert {a.dateline.where for a in timeline.articles} == {"file name", "metadata"}


def test_a_file_name_that_is_not_utf8_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "fine.txt").write_text("The vote was held on Monday.\n", encoding="utf-8")
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as f:
            f.write(b"The vote was held on Tuesday.\n")
    except OSError:
        pytest.skip("this file system only allows UTF-8 names")
    result = read_folder(tmp_path)
    assert [a.path for a in result.articles] == ["fine.txt"]
    assert [str(p) for p in result.problems] == ["caf\\xe9.txt: has a name that is not valid UTF-8; not read"]
    str(result.problems[0]).encode("utf-8")  # printable


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        'http://x.example/"onmouseover="alert(1)',
        "http://a b",
        "data:x",
    ],
)
def test_only_well_formed_http_addresses_are_kept(tmp_path: Path, url: str) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Body.", "url": url}) + "\n", encoding="utf-8")
    result = read_folder(tmp_path)
    assert [a.url for a in result.articles] == [None]
    assert [p.path for p in result.problems] == ["a.jsonl#1"]
