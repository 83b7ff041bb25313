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


def publish_pages(
    docs_dir: Path, pages: Mapping[str, str], durable: bool = True, memo: PublishMemo | None = None
) -> list[str]:
    """Write ``pages`` (relative path -> text) and remove stale generated pages; return the
    paths that were skipped because a hand-written file of the same name is there.
    ``durable``: fsync each page (see :func:`write_atomic`); ``memo``: see :class:`PublishMemo`."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = docs_dir / MANIFEST
    previous = set(_read_manifest(manifest_path))
    skipped = []
    written = []
    known = memo.files if memo is not None and memo.docs_dir == docs_dir else {}
    left: dict[str, tuple[str, tuple[int, int, int]]] = {}
    count = 0
    for relative, text in sorted(pages.items()):
        target = docs_dir / relative
        status = _status(target) if memo is not None else None
        before = known.get(relative)
        if before is not None and before[0] is text and status is not None and before[1] == status:
            left[relative] = before
            written.append(relative)
            continue
        if target.exists() and relative not in previous:
            skipped.append(relative)
            continue
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data, durable)
            count += 1
        if memo is not None:
            now = _status(target)
            if now is not None:
                left[relative] = (text, now)
        written.append(relative)
    if memo is not None:
        memo.docs_dir, memo.files, memo.written = docs_dir, left, count
    for stale in sorted(previous - set(written)):
        (docs_dir / stale).unlink(missing_ok=True)
        _remove_empty_parents(docs_dir, docs_dir / stale)
    write_atomic(manifest_path, (json.dumps(sorted(written), indent=1) + "\n").encode("utf-8"), durable)
    return skipped


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
