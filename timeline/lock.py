"""One build at a time per project: an advisory ``flock`` on ``<project>/.timeline.lock``.

Two ``timeline build`` runs writing the same ``site_src/`` and ``site/`` would interleave their
files. The lock is taken without waiting, so the second run fails at once with a message that
names the project and the pid of the run holding it, instead of queueing silently.

``flock`` belongs to the open file, so the kernel releases it when the holder exits, however it
exits (SIGKILL included): a lock file left behind by a dead build never blocks the next one.
The pid written into the file is only there to be quoted in the message.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".timeline.lock"


class LockError(RuntimeError):
    """The build lock cannot be taken; the message says why, for a person to act on."""


class BuildLocked(LockError):
    """Another build holds the project's lock; the message says which project and pid."""

    def __init__(self, project: Path, pid: int | None) -> None:
        self.project = project
        self.pid = pid
        holder = f" (pid {pid})" if pid is not None else ""
        super().__init__(f"another timeline build is running on {project}{holder}")


def _read_pid(fd: int) -> int | None:
    try:
        data = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(data) if data.isdigit() else None


@contextmanager
def build_lock(project: Path) -> Iterator[Path]:
    """Hold the project's build lock for the ``with`` block; raise :class:`BuildLocked` when
    another process holds it. Yields the lock file's path."""
    path = Path(project) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as e:
        raise LockError(f"cannot create the build lock {path}: {e.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise BuildLocked(Path(project), _read_pid(fd)) from None
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield path
        finally:
            # Emptied, not deleted: unlinking a flock'd file lets a third process lock a new
            # inode while a second one still waits on the old one.
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)
