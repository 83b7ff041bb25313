"""Read a folder of articles into :class:`~timeline.model.Article` records.

One module per input format turns a file's text into articles (:mod:`.plaintext` for ``.txt``,
:mod:`.markdown` for ``.md``, :mod:`.jsonl` for ``.jsonl``); :mod:`.encoding` turns bytes into
text; :mod:`.sidecar` reads the user's ``timeline.yml``. This module walks the folder and
guards the door: anything it cannot use becomes one :class:`~timeline.model.Problem` naming
the file, and the other files are read as if it were absent.

What is refused, and why:

- files larger than :data:`MAX_FILE_BYTES` (20 MB). The longest news articles are a few
  hundred kilobytes; a 20 MB ``.txt`` is a book, a log or a concatenated export, and tagging
  it as one article would give one meaningless dateline to thousands of stories and hold it
  all in memory at once. JSON Lines files may be any size: they are read line by line, each
  line under the same limit;
- symbolic links leading outside the articles folder: a build must never read (and publish)
  files the user did not put in the folder. Links inside it are read as their target;
  linked folders are not followed;
- anything that is not a regular file (a FIFO would block the build), and files and folders
  whose names start with "." (caches, version control);
- empty, binary and undecodable files (see :mod:`.encoding`).

Article ids are the slug of the path without its suffix, made unique in the folder by the
suffix or a counter in path order, so they are stable from one build to the next.

A long-lived process (``mkdocs serve``) passes a :class:`ReadMemo`: a file whose size, times
and inode are those it had when it was last read is not read again, and its articles come back
as the same objects, which lets every later stage recognise them as unchanged. As git does, a
file changed in the same moment it was read could keep its times, so one modified within
:data:`RACY_NS` of being read is read again next time rather than trusted.
"""

from __future__ import annotations

import functools
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from timeline.dateline import METADATA_FILE
from timeline.model import Article, Problem
from timeline.readers import jsonl, markdown, plaintext, sidecar
from timeline.readers.encoding import NotText, decode
from timeline.readers.ids import article_id, unique_id

#: The largest article file read (see the module docstring for why 20 MB).
MAX_FILE_BYTES = 20 * 1024 * 1024

Reader = Callable[[str, str, str], list[Article | Problem]]

#: Text formats by file suffix; ``.jsonl`` is streamed separately.
SUFFIXES: dict[str, Reader] = {
    ".txt": plaintext.read,
    ".text": plaintext.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
}
STREAMED_SUFFIXES = (".jsonl",)


__all__ = [
    "MAX_FILE_BYTES",
    "ReadMemo",
    "ReadResult",
    "article_id",
    "iter_files",
    "iter_folder",
    "read_folder",
]

#: A file modified this close (ns) to the moment it was read is read again next time.
RACY_NS = 2_000_000_000

_Signature = tuple[int, int, int, int, int]


@dataclass
class ReadMemo:
    """What earlier reads of one folder found, for the next :func:`read_folder` to reuse.

    ``files``: relative path -> (stat signature, when it was read, what it yielded);
    ``sidecar``: the metadata file's signature and entries; ``final``: each article as the id
    check and the metadata file left it, so an unchanged article stays the same object.
    Entries not used by the latest read are dropped, so the memo holds one folder's worth.
    """

    files: dict[str, tuple[_Signature, int, tuple[Article | Problem, ...]]] = field(default_factory=dict)
    sidecar: tuple[_Signature, int, sidecar.Sidecar] | None = None
    final: dict[tuple[int, str, int], tuple[Article, object, Article]] = field(default_factory=dict)
    reused: int = 0
    """How many files the latest read took from the memo (for tests and --verbose)."""


def _signature(info: os.stat_result) -> _Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _trusted(entry_signature: _Signature, read_at: int, now: _Signature) -> bool:
    """Same size, times and inode, and not modified in the moments before it was read."""
    return entry_signature == now and read_at - now[1] > RACY_NS


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


@functools.lru_cache(maxsize=1 << 17)
def _is_article_name(name: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    return not name.startswith(".") and (suffix in SUFFIXES or suffix in STREAMED_SUFFIXES)


def iter_files(folder: Path) -> Iterator[Path]:
    """The candidate article files of a folder (links not yet checked), in path order."""
    found, _ = _candidates(folder)
    for _, path in found:
        yield Path(path)


def _shown(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 shown as escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _candidates(folder: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(path relative to the folder with "/", full path) of each candidate, in path order, and
    the folders that could not be listed and names that are not text.

    Links to folders are listed too (and refused later, with a Problem), never entered.
    """
    found: list[tuple[str, str]] = []
    problems: list[Problem] = []
    top = os.fspath(folder)

    def unlisted(e: OSError) -> None:
        where = os.path.relpath(e.filename, top) if e.filename else top
        problems.append(Problem(_shown(where.replace(os.sep, "/")), f"folder cannot be read: {e.strerror}"))

    for root, dirs, files in os.walk(top, onerror=unlisted, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        prefix = os.path.relpath(root, top).replace(os.sep, "/") + "/"
        prefix = "" if prefix == "./" else prefix
        base = os.path.join(root, "")  # a name holds no separator: base + name is the join
        linked = [d for d in dirs if os.path.islink(base + d)]
        for name in [*linked, *filter(_is_article_name, files)]:
            relative = prefix + name
            if not relative.isascii() and relative != _shown(relative):
                # A name that is not UTF-8 could not be shown, linked or exported faithfully.
                problems.append(Problem(_shown(relative), "has a name that is not valid UTF-8; not read"))
                continue
            found.append((relative, base + name))
    found.sort()
    return found, problems


def _open(path: str, folder_real: str, relative: str) -> int | Problem:
    """An open file descriptor for a regular article file inside the folder, or why not."""
    target = path
    if os.path.islink(path):
        real = os.path.realpath(path)
        if os.path.commonpath([real, folder_real]) != folder_real:
            return Problem(relative, "is a symbolic link to something outside the articles folder; not read")
        if os.path.isdir(real):
            return Problem(relative, "is a symbolic link to a folder; linked folders are not followed")
        if not os.path.exists(real):
            return Problem(relative, "is a broken symbolic link")
        target = real
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as e:
        return Problem(relative, f"cannot be opened: {e.strerror}")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return Problem(relative, "is not a regular file; not read")
    return fd


def _too_big(size: int) -> str:
    return (
        f"is {size / (1 << 20):.1f} MB, more than the {MAX_FILE_BYTES >> 20} MB an article file may have; "
        "not read (split it into articles, or use JSON Lines)"
    )


def _read_text_file(fd: int, relative: str, size: int) -> Iterator[Article | Problem]:
    with os.fdopen(fd, "rb") as stream:
        # Asked for its measured size (plus one byte, to see growth): reading MAX_FILE_BYTES at
        # once would allocate 20 MB for every small article.
        data = stream.read(size + 1)
        if len(data) > size:
            data += stream.read(MAX_FILE_BYTES + 1 - len(data))
    if len(data) > MAX_FILE_BYTES:  # it grew after it was measured
        yield Problem(relative, _too_big(len(data)))
        return
    if not data.strip():
        yield Problem(relative, "is empty" if not data else "holds only whitespace")
        return
    try:
        raw, _encoding = decode(data)
    except NotText as e:
        yield Problem(relative, str(e))
        return
    del data
    reader = SUFFIXES[os.path.splitext(relative)[1].lower()]
    yield from reader(relative, article_id(relative), raw)


def iter_folder(folder: Path, memo: ReadMemo | None = None) -> Iterator[Article | Problem]:
    """Every article of the folder and every problem, in path order, ids not yet unique."""
    folder_real = os.path.realpath(folder)
    found, problems = _candidates(folder)
    yield from problems
    if memo is None:
        for relative, path in found:
            yield from _read_path(path, folder_real, relative)
        return
    files: dict[str, tuple[_Signature, int, tuple[Article | Problem, ...]]] = {}
    memo.reused = 0
    for relative, path in found:
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):
            yield from _read_path(path, folder_real, relative)  # links and oddities: checked every time
            continue
        now = _signature(info)
        entry = memo.files.get(relative)
        if entry is not None and _trusted(entry[0], entry[1], now):
            memo.reused += 1
        else:
            read_at = time.time_ns()
            found_now = tuple(_read_path(path, folder_real, relative))
            if entry is not None and entry[2] == found_now:
                # read again (touched, copied, or too new to trust) and the same: the same
                # objects, so nothing downstream takes it for a change
                found_now = entry[2]
            entry = (now, read_at, found_now)
        files[relative] = entry
        yield from entry[2]
    memo.files = files


def _read_path(path: str, folder_real: str, relative: str) -> Iterator[Article | Problem]:
    """The articles of one candidate file, or the problem that keeps it out."""
    opened = _open(path, folder_real, relative)
    if isinstance(opened, Problem):
        yield opened
        return
    size = os.fstat(opened).st_size
    if os.path.splitext(relative)[1].lower() in STREAMED_SUFFIXES:
        with os.fdopen(opened, "rb") as stream:
            if size == 0:
                yield Problem(relative, "is empty")
                return
            yield from jsonl.read_stream(relative, article_id(relative), stream, MAX_FILE_BYTES)
        return
    if size > MAX_FILE_BYTES:
        os.close(opened)
        yield Problem(relative, _too_big(size))
        return
    yield from _read_text_file(opened, relative, size)


def _load_sidecar(folder: Path, memo: ReadMemo | None = None) -> sidecar.Sidecar:
    for name in (METADATA_FILE, METADATA_FILE.replace(".yml", ".yaml")):
        path = folder / name
        if not path.exists() and not path.is_symlink():
            continue
        if memo is not None:
            info = os.lstat(path)
            now = _signature(info)
            known = memo.sidecar
            if stat.S_ISREG(info.st_mode) and known and _trusted(known[0], known[1], now):
                return known[2]
            read_at = time.time_ns()
            meta = _read_sidecar(folder, path, name)
            memo.sidecar = (now, read_at, meta) if stat.S_ISREG(info.st_mode) else None
            return meta
        return _read_sidecar(folder, path, name)
    if memo is not None:
        memo.sidecar = None
    return sidecar.EMPTY


def _read_sidecar(folder: Path, path: Path, name: str) -> sidecar.Sidecar:
    opened = _open(os.fspath(path), os.path.realpath(folder), name)
    if isinstance(opened, Problem):
        return sidecar.Sidecar({}, (opened,))
    with os.fdopen(opened, "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return sidecar.Sidecar({}, (Problem(name, _too_big(len(data))),))
    return sidecar.parse(data)


def read_folder(folder: Path, memo: ReadMemo | None = None) -> ReadResult:
    """All articles of the folder, with unique ids and the metadata file applied, and all problems.

    With ``memo``, unchanged files are not read again and their articles are the same objects.
    """
    if not folder.is_dir():
        why = "is not a folder" if folder.exists() else "does not exist"
        return ReadResult((), (Problem(str(folder), f"the articles folder {why}"),))
    meta = _load_sidecar(folder, memo)
    articles: list[Article] = []
    problems: list[Problem] = list(meta.problems)
    taken: set[str] = set()
    used_keys: set[str] = set()
    final: dict[tuple[int, str, int], tuple[Article, object, Article]] = {}
    for item in iter_folder(folder, memo):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        base = item
        unique = unique_id(base, taken)
        taken.add(unique)
        entry_key: str | None = None
        if meta.entries:
            entry_key = next((k for k in (base.path, unique) if k in meta.entries), None)
            if entry_key is not None:
                used_keys.add(entry_key)
        entry = meta.entries[entry_key] if entry_key is not None else None
        article = None
        if memo is not None:
            key = (id(base), unique, id(entry))
            known = memo.final.get(key)
            if known is not None and known[0] is base and known[1] is entry:
                article = known[2]
        if article is None:
            article = base if unique == base.id else replace(base, id=unique)
            if entry is not None:
                article = sidecar.apply(article, entry)
        if memo is not None:
            final[(id(base), unique, id(entry))] = (base, entry, article)
        articles.append(article)
    if memo is not None:
        memo.final = final
    for key in meta.entries:
        if key not in used_keys:
            problems.append(Problem(METADATA_FILE, f"{key[:80]!r} names no article in the folder; ignored"))
    return ReadResult(tuple(articles), tuple(problems))
