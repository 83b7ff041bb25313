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


def publish_pages(docs_dir: Path, pages: Mapping[str, str], durable: bool = True) -> list[str]:
    """Write ``pages`` (relative path -> text) and remove stale generated pages; return the
    paths that were skipped because a hand-written file of the same name is there.
    ``durable``: fsync each page (see :func:`write_atomic`)."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = docs_dir / MANIFEST
    previous = set(_read_manifest(manifest_path))
    skipped = []
    written = []
    for relative, text in sorted(pages.items()):
        target = docs_dir / relative
        if target.exists() and relative not in previous:
            skipped.append(relative)
            continue
        data = text.encode("utf-8")
        if not target.exists() or target.read_bytes() != data:
            write_atomic(target, data, durable)
        written.append(relative)
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
