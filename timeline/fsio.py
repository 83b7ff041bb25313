"""Replace an output folder (``site/``, ``site_src/``) all at once, or not at all.

A build writes into a sibling temporary folder (``.site.tmp-<pid>-<hex>``) and only when the
whole build has succeeded swaps it with the real one. Whatever stops the build (an exception,
Ctrl-C, SIGKILL, a full disk, a read-only folder) the reader of ``site/`` sees the previous
site, whole, or the new one, whole, never a mixture.

The swap is one ``renameat2(RENAME_EXCHANGE)`` call on Linux: atomic, the old folder ends up
under the temporary name and is deleted afterwards. Where that call does not exist (other
kernels, some file systems) the swap is two renames, final -> ``.site.old-...`` then temporary
-> final; a build killed between them leaves no ``site/`` but a whole ``.site.old-...``, which
the next build puts back before doing anything else (:func:`recover`). Leftover temporary
folders of killed builds are deleted by the next build too.

Errors of the output location (read-only, full disk, no permission) are raised as
:class:`OutputError` with a message naming the folder and saying the previous one is unchanged.
The tests exercise the full disk on a real 1 MB tmpfs where they may mount one (root) and
otherwise simulate it by raising ``OSError(ENOSPC)`` at the OS boundary (the write inside the
``with`` block); see ``tests/test_failure_output.py``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TypeVar

from timeline.lock import build_lock

T = TypeVar("T")

_TMP = ".tmp-"
_OLD = ".old-"
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


class OutputError(RuntimeError):
    """The output folder cannot be written; the previous one is left as it was."""


def _sibling(final: Path, tag: str) -> Path:
    return final.parent / f".{final.name}{tag}{os.getpid()}-{secrets.token_hex(4)}"


def _siblings(final: Path, tag: str) -> list[Path]:
    prefix = f".{final.name}{tag}"
    try:
        return sorted(p for p in final.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def _pid_of(sibling: Path, tag: str) -> int | None:
    rest = sibling.name.rsplit(tag, 1)[-1]
    pid = rest.split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def recover(final: Path) -> None:
    """Undo what a killed build left next to ``final``: put back a previous folder moved aside
    by an interrupted swap, delete temporary folders of builds that are no longer running."""
    final = Path(final)
    for old in reversed(_siblings(final, _OLD)):
        if _alive(_pid_of(old, _OLD)):
            continue
        if not final.exists() and not final.is_symlink():
            os.rename(old, final)
        else:
            _remove(old)
    for tmp in _siblings(final, _TMP):
        if not _alive(_pid_of(tmp, _TMP)):
            _remove(tmp)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_into_place(new: Path, final: Path) -> None:
    """Make the folder ``new`` become ``final``; the previous ``final`` is deleted afterwards."""
    if not final.exists() and not final.is_symlink():
        os.rename(new, final)
    elif _exchange(new, final):
        _remove(new)  # now holds the previous folder
    else:
        old = _sibling(final, _OLD)
        os.rename(final, old)
        os.rename(new, final)
        _remove(old)
    _fsync_dir(final.parent)


def _output_error(final: Path, e: OSError) -> OutputError:
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full"
    elif e.errno == errno.EROFS:
        why = f"{final.parent} is on a read-only file system"
    elif e.errno in (errno.EACCES, errno.EPERM):
        why = f"no permission to write in {final.parent}"
    else:
        why = e.strerror or str(e)
    state = "the previous one is unchanged" if final.exists() else "nothing was written"
    return OutputError(f"cannot write {final}: {why} ({e.strerror}); {state}")


def _is_output_error(e: OSError, parent: Path) -> bool:
    if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return True
    if e.errno in _OUTPUT_ERRNOS and e.filename is not None:
        try:
            return Path(os.fsdecode(e.filename)).resolve().is_relative_to(parent.resolve())
        except (OSError, ValueError, TypeError):
            return False
    return False


def _link_or_copy(src: str, dst: str) -> None:
    """Hard-link a file into the new folder, copying only where links are impossible.

    Cheap at 100,000 pages, and safe: pages are replaced by rename (publish.write_atomic),
    never rewritten in place, so the previous folder's files are never changed through a link.
    """
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


@contextmanager
def replace_dir_atomically(final: Path, *, keep_existing: bool = False) -> Iterator[Path]:
    """Yield an empty sibling folder to build into; on success it replaces ``final`` at once.

    With ``keep_existing`` the temporary folder starts as a copy of ``final`` (for
    ``site_src/``, where the user's own pages live beside the generated ones). On any error
    the temporary folder is deleted and ``final`` is untouched; errors of the output location
    become :class:`OutputError`. Run it under :func:`timeline.lock.build_lock` so that no
    other build is using the temporary folders it cleans up.
    """
    final = Path(final).absolute()
    if final.exists() and not final.is_dir():
        raise OutputError(f"cannot write {final}: it exists and is not a folder")
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        recover(final)
    except OSError as e:
        raise _output_error(final, e) from None
    tmp = _sibling(final, _TMP)
    try:
        if keep_existing and final.is_dir():
            shutil.copytree(final, tmp, symlinks=True, copy_function=_link_or_copy)
        else:
            tmp.mkdir()
    except OSError as e:
        _remove(tmp)
        raise _output_error(final, e) from None
    try:
        yield tmp
        # One flush of everything written (MkDocs' pages, ours) before the swap, so that after a
        # power cut the folder swapped in has its contents, not empty files.
        os.sync()
        swap_into_place(tmp, final)
    except OSError as e:
        _remove(tmp)
        if _is_output_error(e, final.parent):
            raise _output_error(final, e) from None
        raise
    except BaseException:
        _remove(tmp)
        raise


def build_outputs(
    project: Path,
    docs_dir: Path,
    site_dir: Path | None,
    write_docs: Callable[[Path], T],
    write_site: Callable[[Path, Path], object] | None = None,
) -> T:
    """Run a build under the project's lock with both output folders replaced whole.

    ``write_docs(docs)`` writes the Markdown into ``docs`` (a copy of ``docs_dir``, so the
    user's own pages are kept); ``write_site(docs, site)`` builds the HTML from it. The site
    is swapped in first, then the Markdown: a build killed in between leaves the new site
    beside the previous Markdown, both whole. Without ``write_site`` the site is untouched.
    Takes callables so this module stays below the pipeline and never imports it.
    """
    with ExitStack() as stack:
        stack.enter_context(build_lock(project))
        docs = stack.enter_context(replace_dir_atomically(docs_dir, keep_existing=True))
        site = None
        if write_site is not None and site_dir is not None:
            site = stack.enter_context(replace_dir_atomically(site_dir))
        result = write_docs(docs)
        if write_site is not None and site is not None:
            write_site(docs, site)
        return result
