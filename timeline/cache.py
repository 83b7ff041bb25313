"""A per-folder SQLite cache of extraction results, so a rebuild re-tags only changed articles.

Extraction (``temporal.extract``) is the expensive, dateline-free part of the build; its
result depends only on the article's text, its body offsets and the tagger's code. So the
cache key is a hash of exactly those, and every row also records the *version* it was made
with: the package version plus a fingerprint of the tagger's source files, so editing a
grammar rule invalidates every entry without anybody remembering to bump a number.

The database lives in ``.timeline-cache/<folder name>.sqlite`` beside the articles folder
(never inside it: the readers would walk it). It is a convenience, never an authority:

* every payload carries a SHA-256 checksum of its key and bytes, verified on read; a mismatch
  is a miss, so a row moved to another key (a bad merge of two caches, a planted file) is not
  served for it; the engine also checks each extraction against the article it is served for;
* a file that SQLite cannot read ("file is not a database", "malformed") is deleted and
  rebuilt from scratch;
* payloads are unpickled by an unpickler that only accepts classes from the ``timeline``
  package and a few harmless builtins, so a planted cache file cannot run code;
* when the folder is read-only or the disk full, the build goes on without a cache.

WAL journaling and a busy timeout let ``timeline build`` and ``mkdocs serve`` use the same
cache at once: readers never block, writers wait their turn.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from timeline import temporal
from timeline.heap import collector_paused
from timeline.model import Article

CACHE_DIR = ".timeline-cache"
SCHEMA = 4
_LOOKUP_BATCH = 500  # stays under SQLite's limit on bound parameters

_SAFE_BUILTINS = frozenset({"tuple", "frozenset", "set", "list", "dict", "str", "int", "float", "bool"})
_SAFE_MODULES = frozenset({"datetime", "collections"})


class CacheError(Exception):
    """The cache file cannot be used (corrupt, unreadable): it is rebuilt, never trusted."""


@lru_cache(maxsize=1)
def tool_version() -> str:
    """The package version plus a fingerprint of the tagger's code and grammar data.

    Hashing the source of ``timeline/temporal`` (and of the records an extraction holds,
    ``model.py`` and ``dates.py``) means a changed rule, table, resolver or record layout makes
    every cached extraction stale, even when the package version was not bumped.
    """
    try:
        package = importlib.metadata.version("newsroom-timeline")
    except importlib.metadata.PackageNotFoundError:
        package = "0+unknown"
    digest = hashlib.sha256()
    root = Path(__file__).parent
    # the tagger, and the records an extraction is made of
    sources = [*sorted((root / "temporal").rglob("*.py")), root / "model.py", root / "dates.py"]
    for path in sources:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return f"{package}+{digest.hexdigest()[:16]}"


def content_key(article: Article) -> str:
    """What an extraction depends on: the raw text and the body's offsets into it."""
    digest = hashlib.sha256(f"{article.body_start}:{article.body_end}:".encode())
    digest.update(article.raw.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cache_path(articles_folder: Path) -> Path:
    """``<parent>/.timeline-cache/<folder name>.sqlite``: beside the folder, never in it."""
    folder = articles_folder.resolve()
    name = folder.name or "articles"
    return folder.parent / CACHE_DIR / f"{name}.sqlite"


class _TimelineUnpickler(pickle.Unpickler):
    """Refuses every global that is not a timeline class or a plain builtin container."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "timeline" or module.startswith("timeline."):
            return super().find_class(module, name)
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if module in _SAFE_MODULES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"the cache may not load {module}.{name}")


def _checksum(key: str, payload: bytes) -> str:
    return hashlib.sha256(key.encode("utf-8") + b"\0" + payload).hexdigest()


_PACKED = "packed extraction"


def _stored(value: object) -> object:
    """An extraction is stored packed (:func:`timeline.temporal.pack`): plain tuples, quick to
    pickle and load. Any other value is stored as it is."""
    return (_PACKED, temporal.pack(value)) if isinstance(value, temporal.Extraction) else value


def _loaded(value: object) -> object:
    if isinstance(value, tuple) and len(value) == 2 and value[0] == _PACKED:
        return temporal.unpack(value[1])  # type: ignore[arg-type]
    return value


def encode(value: object, key: str = "") -> tuple[bytes, str]:
    """A compressed pickle of ``value`` and the checksum stored beside it, bound to ``key``."""
    payload = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return payload, _checksum(key, payload)


def decode(payload: bytes, checksum: str, key: str = "") -> object:
    """The value back, or :class:`CacheError` when the bytes are not what was stored under ``key``."""
    if _checksum(key, payload) != checksum:
        raise CacheError("checksum mismatch")
    try:
        return _TimelineUnpickler(io.BytesIO(zlib.decompress(payload))).load()
    except Exception as e:
        raise CacheError(f"cannot decode: {e}") from e


class ExtractionCache:
    """Extractions by content key, for one version of the tool.

    Use as a context manager. ``get_many`` never raises on bad data: a damaged row is a miss,
    a damaged file is rebuilt empty (``rebuilt`` says so, for --verbose).
    """

    def __init__(self, path: Path, version: str | None = None) -> None:
        self.path = path
        self.version = version or tool_version()
        self.rebuilt = False
        self.damaged_rows = 0
        self._db = self._open()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(
            "CREATE TABLE IF NOT EXISTS extractions (key TEXT NOT NULL, version TEXT NOT NULL,"
            " payload BLOB NOT NULL, checksum TEXT NOT NULL, PRIMARY KEY (key, version))"
        )
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        elif row[0] != str(SCHEMA):
            db.close()
            raise CacheError(f"schema {row[0]}, expected {SCHEMA}")
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.OperationalError:
            raise  # cannot open or locked: not a sign of damage, so never delete the file
        except (sqlite3.DatabaseError, CacheError):
            self._discard()
            self.rebuilt = True
            return self._connect()

    def _discard(self) -> None:
        """Remove a damaged database and its WAL files so the next connect starts empty."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _recover(self) -> None:
        self._db.close()
        self._discard()
        self.rebuilt = True
        self._db = self._connect()

    def get_many(self, keys: Sequence[str]) -> dict[str, object]:
        """The cached value of each key that has a sound entry for this version."""
        found: dict[str, object] = {}
        unique = sorted(set(keys))
        with collector_paused():
            return self._get_many(unique, found)

    def _get_many(self, unique: list[str], found: dict[str, object]) -> dict[str, object]:
        try:
            for i in range(0, len(unique), _LOOKUP_BATCH):
                batch = unique[i : i + _LOOKUP_BATCH]
                marks = ",".join("?" * len(batch))
                rows = self._db.execute(
                    f"SELECT key, payload, checksum FROM extractions WHERE version = ? AND key IN ({marks})",
                    (self.version, *batch),
                ).fetchall()
                for key, payload, checksum in rows:
                    try:
                        found[key] = _loaded(decode(payload, checksum, key))
                    except (CacheError, ValueError):
                        self.damaged_rows += 1
        except sqlite3.OperationalError:
            return found  # busy for 30 s: extract again rather than wait longer
        except sqlite3.DatabaseError:
            self._recover()
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, object]]) -> None:
        """Store values in one transaction; a failing disk loses the cache, not the build."""
        self._put([(key, _stored(value)) for key, value in items])

    def put_packed(self, items: Iterable[tuple[str, temporal.Packed]]) -> None:
        """:meth:`put_many` for extractions already packed (as they come back from workers)."""
        self._put([(key, (_PACKED, packed)) for key, packed in items])

    def _put(self, items: list[tuple[str, object]]) -> None:
        rows = [(key, self.version, *encode(value, key)) for key, value in items]
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.OperationalError:
            self._rollback()
        except sqlite3.DatabaseError:
            self._recover()

    def retain_only(self, keys: Iterable[str]) -> int:
        """Drop entries of other versions and of articles no longer in the folder; return how many."""
        wanted = set(keys)
        try:
            self._db.execute("BEGIN IMMEDIATE")
            before = self._db.total_changes
            self._db.execute("DELETE FROM extractions WHERE version != ?", (self.version,))
            stale = [k for (k,) in self._db.execute("SELECT key FROM extractions") if k not in wanted]
            self._db.executemany("DELETE FROM extractions WHERE key = ?", ((k,) for k in stale))
            self._db.execute("COMMIT")
            return self._db.total_changes - before
        except sqlite3.DatabaseError:
            self._rollback()
            return 0

    def keys(self) -> Iterator[str]:
        """Every key stored for this version (for tests and --verbose)."""
        try:
            rows = self._db.execute("SELECT key FROM extractions WHERE version = ?", (self.version,))
            yield from (k for (k,) in rows.fetchall())
        except sqlite3.DatabaseError:
            return

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.DatabaseError):
            self._db.execute("ROLLBACK")


def open_cache(articles_folder: Path, version: str | None = None) -> ExtractionCache | None:
    """The folder's cache, or None when it cannot be created (read-only disk, no space)."""
    try:
        return ExtractionCache(cache_path(articles_folder), version)
    except (OSError, sqlite3.Error, CacheError):
        return None
