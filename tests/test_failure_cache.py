"""A corrupt extraction cache is detected and rebuilt, never trusted (issue 9).

Each test warms the cache of a copy of the demo articles (the pipeline and the JSON export of
``timeline export``, in this process to stay fast), damages ``.timeline-cache/<folder>.sqlite``
in one way, builds again and compares with a build that had no cache: the same timeline, no
exception, and nothing planted in the cache runs or reaches the output.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline.config import Config
from timeline.export import to_json
from timeline.pipeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]


def _export(project: Path, cache: bool = True) -> str:
    """The JSON export of ``project/articles`` (in this process)."""
    config = Config(project=project, articles=Path("articles"), cache=cache, quiet=True)
    return to_json(build_timeline(config))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The export of the demo articles with no cache at all."""
    project = tmp_path_factory.mktemp("clean")
    shutil.copytree(ROOT / "seeds", project / "articles")
    return _export(project, cache=False)


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    """A project whose cache holds every article's extraction."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "articles")
    _export(project)
    assert _db(project).is_file()
    return project


def _db(project: Path) -> Path:
    return project / ".timeline-cache" / "articles.sqlite"


def _rows(project: Path) -> list[tuple[str, str, bytes, str]]:
    with sqlite3.connect(_db(project)) as db:
        return db.execute("SELECT key, version, payload, checksum FROM extractions ORDER BY key").fetchall()


def _set_payload(project: Path, key: str, payload: bytes, checksum: str) -> None:
    db = sqlite3.connect(_db(project))
    try:
        db.execute("UPDATE extractions SET payload = ?, checksum = ? WHERE key = ?", (payload, checksum, key))
        db.commit()
    finally:
        db.close()


def _garbage(project: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{_db(project)}{suffix}").unlink(missing_ok=True)
    _db(project).write_bytes(b"this is not a database" * 100)


def _truncated(project: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{_db(project)}{suffix}").unlink(missing_ok=True)
    data = _db(project).read_bytes()
    _db(project).write_bytes(data[: len(data) // 2] + os.urandom(512))


def _flipped_payloads(project: Path) -> None:
    for key, _, payload, checksum in _rows(project):
        damaged = bytearray(payload)
        damaged[len(damaged) // 2] ^= 0xFF
        _set_payload(project, key, bytes(damaged), checksum)


def _wrong_checksums(project: Path) -> None:
    for key, _, payload, _ in _rows(project):
        _set_payload(project, key, payload, "0" * 64)


def _garbage_wal(project: Path) -> None:
    Path(f"{_db(project)}-wal").write_bytes(os.urandom(4096))


def _folder_in_the_way(project: Path) -> None:
    shutil.rmtree(project / ".timeline-cache")
    (project / ".timeline-cache" / "articles.sqlite").mkdir(parents=True)


def _empty_file(project: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{_db(project)}{suffix}").unlink(missing_ok=True)
    _db(project).write_bytes(b"")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage file": _garbage,
    "truncated file": _truncated,
    "flipped payload bytes": _flipped_payloads,
    "wrong checksums": _wrong_checksums,
    "garbage write-ahead log": _garbage_wal,
    "a folder where the file goes": _folder_in_the_way,
    "empty file": _empty_file,
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_cache_is_not_trusted_and_the_build_is_the_same(warm: Path, clean: str, damage: str) -> None:
    DAMAGE[damage](warm)
    assert _export(warm) == clean
    assert _export(warm) == clean


class _RunsCode:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_does_not_run(warm: Path, clean: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned-by-cache"
    payload = zlib.compress(pickle.dumps(_RunsCode(str(marker))))
    for key, *_ in _rows(warm):
        _set_payload(warm, key, payload, hashlib.sha256(payload).hexdigest())
    result = _export(warm)
    assert not marker.exists(), "a pickle planted in the cache ran code"
    assert result == clean


def test_a_swapped_but_well_formed_entry_is_not_trusted(warm: Path, clean: str) -> None:
    """Rows moved between keys (a bug, a bad merge of two caches, a planted file) are well-formed
    pickles with right checksums; their spans do not fit the article they are served for."""
    rows = _rows(warm)
    assert len(rows) >= 2
    shifted = rows[1:] + rows[:1]
    for (key, *_), (_, _, payload, checksum) in zip(rows, shifted, strict=True):
        _set_payload(warm, key, payload, checksum)
    assert json.loads(_export(warm)) == json.loads(clean)


def test_a_moved_entry_with_a_recomputed_checksum_is_not_trusted_either(warm: Path, clean: str) -> None:
    """Whoever knows how the checksum is made can plant rows that pass it; the engine still
    checks each extraction against the article it is served for (offsets and their text)."""
    from timeline.cache import _checksum

    rows = _rows(warm)
    shifted = rows[1:] + rows[:1]
    for (key, *_), (_, _, payload, _) in zip(rows, shifted, strict=True):
        _set_payload(warm, key, payload, _checksum(key, payload))
    assert json.loads(_export(warm)) == json.loads(clean)
