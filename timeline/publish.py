"""Write generated pages into MkDocs' docs_dir without touching what the user wrote there.

Only the files listed in the manifest (``.timeline-generated.json``) belong to timeline: they
are rewritten or removed as the timeline changes; every other file in the folder is the
user's and survives every build. Files are replaced atomically (write, then rename).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

MANIFEST = ".timeline-generated.json"


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old file or the new one, never half.

    ``durable=False`` skips the fsync: for a folder that is synced once and swapped in whole
    (:mod:`timeline.fsio`), where 10,000 fsyncs would cost seconds and buy nothing.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PublishMemo:
    """What the last :func:`publish_pages` of a long-lived process wrote: each page's text (the
    object the renderer handed over) and the file's status after writing. A page whose text is
    the same object and whose file is as it was left is not read back or written again."""

    def __init__(self) -> None:
        self.docs_dir: Path | None = None
        self.files: dict[str, tuple[str, tuple[int, int, int]]] = {}
        self.written = 0
        """How many files the last publish wrote (for tests and --verbose)."""


def _status(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


class Publisher:
    """Writes generated pages into ``docs_dir`` one at a time, then removes the stale ones and
    writes the manifest (:meth:`finish`). A page at the path of a file the user wrote is skipped.

    ``durable``: fsync each page (see :func:`write_atomic`); ``memo``: see :class:`PublishMemo`.
    """

    def __init__(self, docs_dir: Path, durable: bool = True, memo: PublishMemo | None = None) -> None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        self.docs_dir, self.durable, self.memo = docs_dir, durable, memo
        self.previous = set(_read_manifest(docs_dir / MANIFEST))
        self.skipped: list[str] = []
        self.written: list[str] = []
        self._known = memo.files if memo is not None and memo.docs_dir == docs_dir else {}
        self._left: dict[str, tuple[str, tuple[int, int, int]]] = {}
        self._count = 0

    def write(self, relative: str, text: str) -> None:
        target = self.docs_dir / relative
        status = _status(target) if self.memo is not None else None
        before = self._known.get(relative)
        if before is not None and before[0] is text and status is not None and before[1] == status:
            self._left[relative] = before
            self.written.append(relative)
            return
        if target.exists() and relative not in self.previous:
            self.skipped.append(relative)
            return
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data, self.durable)
            self._count += 1
        if self.memo is not None:
            now = _status(target)
            if now is not None:
                self._left[relative] = (text, now)
        self.written.append(relative)

    def finish(self) -> list[str]:
        """Remove the generated pages not written this time, write the manifest; return the
        paths skipped because a hand-written file of the same name is there."""
        written = set(self.written)
        for stale in sorted(self.previous - written):
            (self.docs_dir / stale).unlink(missing_ok=True)
            _remove_empty_parents(self.docs_dir, self.docs_dir / stale)
        data = (json.dumps(sorted(written), indent=1) + "\n").encode("utf-8")
        write_atomic(self.docs_dir / MANIFEST, data, self.durable)
        if self.memo is not None:
            self.memo.docs_dir, self.memo.files, self.memo.written = self.docs_dir, self._left, self._count
        return sorted(self.skipped)


def publish_pages(
    docs_dir: Path, pages: Mapping[str, str], durable: bool = True, memo: PublishMemo | None = None
) -> list[str]:
    """Write ``pages`` (relative path -> text) and remove stale generated pages; return the
    paths that were skipped because a hand-written file of the same name is there.
    ``durable``: fsync each page (see :func:`write_atomic`); ``memo``: see :class:`PublishMemo`."""
    publisher = Publisher(docs_dir, durable, memo)
    for relative, text in sorted(pages.items()):
        publisher.write(relative, text)
    return publisher.finish()


def _remove_empty_parents(docs_dir: Path, path: Path) -> None:
    """Remove the folders a stale page leaves empty (an old ``timeline/`` split), never docs_dir
    itself and never a folder that still holds anything, the user's files included."""
    folder = path.parent
    while folder != docs_dir and docs_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _read_manifest(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return (
        [p for p in data if isinstance(p, str) and ".." not in Path(p).parts]
        if isinstance(data, list)
        else []
    )
