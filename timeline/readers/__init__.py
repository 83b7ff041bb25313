"""Read a folder of articles into :class:`~timeline.model.Article` records.

One module per input format turns a file's decoded text into articles; this module walks the
folder, decodes each file and reports a :class:`~timeline.model.Problem` for anything it
cannot use, so one bad file never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from timeline.model import Article, Problem
from timeline.readers import plaintext

SUFFIXES = {".txt": plaintext.read}


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


def article_id(relative_path: str) -> str:
    """A URL-safe id derived from the file's path inside the articles folder."""
    stem = relative_path.rsplit(".", 1)[0]
    return slugify(stem, max_length=80, word_boundary=True) or "article"


def iter_files(folder: Path) -> Iterator[Path]:
    """The article files of a folder, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            yield path


def read_folder(folder: Path) -> ReadResult:
    articles: list[Article] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return ReadResult((), (Problem(str(folder), "the articles folder does not exist"),))
    for path in iter_files(folder):
        relative = path.relative_to(folder).as_posix()
        try:
            raw = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(Problem(relative, f"cannot be read: {e}"))
            continue
        reader = SUFFIXES[path.suffix.lower()]
        articles.extend(reader(relative, article_id(relative), raw))
    return ReadResult(tuple(articles), tuple(problems))
