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
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
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


__all__ = ["MAX_FILE_BYTES", "ReadResult", "article_id", "iter_files", "iter_folder", "read_folder"]


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


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
        linked = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        for name in [*linked, *(f for f in files if _is_article_name(f))]:
            relative = prefix + name
            if relative != _shown(relative):
                # A name that is not UTF-8 could not be shown, linked or exported faithfully.
                problems.append(Problem(_shown(relative), "has a name that is not valid UTF-8; not read"))
                continue
            found.append((relative, os.path.join(root, name)))
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


def _read_text_file(fd: int, relative: str) -> Iterator[Article | Problem]:
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
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


def iter_folder(folder: Path) -> Iterator[Article | Problem]:
    """Every article of the folder and every problem, in path order, ids not yet unique."""
    folder_real = os.path.realpath(folder)
    found, problems = _candidates(folder)
    yield from problems
    for relative, path in found:
        opened = _open(path, folder_real, relative)
        if isinstance(opened, Problem):
            yield opened
            continue
        size = os.fstat(opened).st_size
        if os.path.splitext(relative)[1].lower() in STREAMED_SUFFIXES:
            with os.fdopen(opened, "rb") as stream:
                if size == 0:
                    yield Problem(relative, "is empty")
                    continue
                yield from jsonl.read_stream(relative, article_id(relative), stream, MAX_FILE_BYTES)
            continue
        if size > MAX_FILE_BYTES:
            os.close(opened)
            yield Problem(relative, _too_big(size))
            continue
        yield from _read_text_file(opened, relative)


def _load_sidecar(folder: Path) -> sidecar.Sidecar:
    for name in (METADATA_FILE, METADATA_FILE.replace(".yml", ".yaml")):
        path = folder / name
        if not path.exists() and not path.is_symlink():
            continue
        opened = _open(os.fspath(path), os.path.realpath(folder), name)
        if isinstance(opened, Problem):
            return sidecar.Sidecar({}, (opened,))
        with os.fdopen(opened, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return sidecar.Sidecar({}, (Problem(name, _too_big(len(data))),))
        return sidecar.parse(data)
    return sidecar.EMPTY


def read_folder(folder: Path) -> ReadResult:
    """All articles of the folder, with unique ids and the metadata file applied, and all problems."""
    if not folder.is_dir():
        why = "is not a folder" if folder.exists() else "does not exist"
        return ReadResult((), (Problem(str(folder), f"the articles folder {why}"),))
    meta = _load_sidecar(folder)
    articles: list[Article] = []
    problems: list[Problem] = list(meta.problems)
    taken: set[str] = set()
    used_keys: set[str] = set()
    for item in iter_folder(folder):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        article = item
        unique = unique_id(article, taken)
        if unique != article.id:
            article = replace(article, id=unique)
        taken.add(unique)
        if meta.entries:
            for key in (article.path, article.id):
                if key in meta.entries:
                    article = sidecar.apply(article, meta.entries[key])
                    used_keys.add(key)
                    break
        articles.append(article)
    for key in meta.entries:
        if key not in used_keys:
            problems.append(Problem(METADATA_FILE, f"{key[:80]!r} names no article in the folder; ignored"))
    return ReadResult(tuple(articles), tuple(problems))
