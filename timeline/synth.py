"""Deterministic synthetic corpora for benchmarks: real article text, shifted datelines.

Speed and memory figures only mean something on text that looks like news: real sentence
lengths, real temporal expressions, real wire-copy noise. So every synthetic article is a
window of paragraphs from a real article (the seeds and, when given, TimeML files such as
TimeBank), always keeping its lead, under a news-database header whose date line is the
source's dateline shifted by a few days to a few years. One article in fifty
(:data:`UNDATED_SHARE`) comes without any date, as text pasted from the web does, so dateline
inference works at every size too. Article ``i`` depends only on the sources and ``(seed, i)``:
the same call writes the same bytes on every machine, and a corpus of 1,000 is the first 1,000
articles of the corpus of 100,000.

Two layouts: ``.txt`` files, 1,000 to a folder (how a newsroom export looks), or JSON Lines
shards (how a research corpus is shipped; one shard is one task on a cluster).

    python -m timeline.synth OUT --count 10000 [--format txt|jsonl] [--timebank PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.readers import read_folder
from timeline.timeml import read_timeml, timeml_files

UNDATED_BASE = dt.date(2017, 9, 5)
"""Dateline given to a source article that has none (the seeds' story broke then); a fixed
constant, so output never depends on the day the generator runs."""

MAX_SHIFT_DAYS = 3650
UNDATED_SHARE = 0.02
PER_FOLDER = 1000
PER_SHARD = 10_000

_MONTHS = ("January February March April May June July August September October November December").split()
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Source:
    """A real article the generator draws from: its paragraphs and its own dateline."""

    origin: str
    paragraphs: tuple[str, ...]
    dateline: dt.date


@dataclass(frozen=True)
class SynthArticle:
    """One generated article, before it is written in either layout."""

    index: int
    title: str
    dateline: dt.date
    source: str
    origin: str
    body: str
    dated: bool = True

    @property
    def id(self) -> str:
        return f"synth-{self.index:07d}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of a body: blank-line separated (wrapped lines joined), else one per line."""
    if _BLANK_LINE.search(text.strip()):
        parts = (" ".join(p.split()) for p in _BLANK_LINE.split(text))
    else:
        parts = (line.strip() for line in text.split("\n"))
    return tuple(p for p in parts if p)


def load_sources(seeds: Path, timebank: Path | None = None) -> list[Source]:
    """The seed articles (through the project's own readers) and, when given, TimeML documents."""
    sources: list[Source] = []
    for article in read_folder(seeds).articles:
        pars = paragraphs(article.body)
        if pars:
            sources.append(Source(f"seeds/{article.path}", pars, article.dateline.date or UNDATED_BASE))
    if timebank is not None:
        for path in timeml_files([timebank]):
            doc = read_timeml(path)
            pars = paragraphs(doc.text)
            if len(pars) >= 2:
                sources.append(Source(f"timebank/{path.name}", pars, doc.dct or UNDATED_BASE))
    if not sources:
        raise ValueError(f"no source articles found in {seeds}" + (f" or {timebank}" if timebank else ""))
    return sources


def article(sources: Sequence[Source], index: int, seed: int = 0) -> SynthArticle:
    """Article ``index``: a function of the sources, the seed and the index only."""
    rng = random.Random(f"timeline-synth:{seed}:{index}")
    source = sources[rng.randrange(len(sources))]
    pars = source.paragraphs
    if len(pars) > 3:
        rest = pars[1:]
        length = rng.randint(max(2, len(rest) * 6 // 10), len(rest))
        start = rng.randint(0, len(rest) - length)
        pars = (pars[0], *rest[start : start + length])
    dateline = source.dateline + dt.timedelta(days=rng.randint(-MAX_SHIFT_DAYS, MAX_SHIFT_DAYS))
    words = pars[0].split()
    title = f"Synthetic {index}: " + " ".join(words[:8])
    dated = rng.random() >= UNDATED_SHARE
    body = "\n\n".join(pars) + "\n"
    return SynthArticle(index, title, dateline, "Synthetic Wire", source.origin, body, dated)


def articles(sources: Sequence[Source], count: int, seed: int = 0) -> Iterator[SynthArticle]:
    for i in range(count):
        yield article(sources, i, seed)


def as_text_file(a: SynthArticle) -> str:
    """The article as a news-database export: headline, header block with the date line, body;
    an undated one as a headline and its text, pasted from the web."""
    if not a.dated:
        return f"{a.title}\n\n{a.body}"
    d = a.dateline
    words = len(a.body.split())
    return (
        f"{a.title}\n\nBy Synthetic Desk\n{words} words\n{d.day} {_MONTHS[d.month - 1]} {d.year}\n"
        f"{a.source}\nEnglish\nCopyright {d.year} timeline synthetic corpus, from {a.origin}.\n\n{a.body}"
    )


def as_json_line(a: SynthArticle) -> str:
    """The article as one JSON Lines record with the fields the JSONL reader knows."""
    record = {"id": a.id, "title": a.title, "source": a.source, "text": a.body}
    if a.dated:
        record["date"] = a.dateline.isoformat()
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def write_text_corpus(folder: Path, sources: Sequence[Source], count: int, seed: int = 0) -> list[Path]:
    """``count`` .txt files under ``folder``, ``PER_FOLDER`` to a subfolder; returns the paths."""
    written = []
    for a in articles(sources, count, seed):
        path = folder / f"{a.index // PER_FOLDER:04d}" / f"{a.id}.txt"
        if a.index % PER_FOLDER == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(as_text_file(a), encoding="utf-8")
        written.append(path)
    return written


def write_jsonl_shards(
    folder: Path, sources: Sequence[Source], count: int, seed: int = 0, per_shard: int = PER_SHARD
) -> list[Path]:
    """``count`` articles as JSON Lines shards of ``per_shard`` lines; returns the shard paths."""
    folder.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    out = None
    try:
        for a in articles(sources, count, seed):
            if a.index % per_shard == 0:
                if out is not None:
                    out.close()
                shards.append(folder / f"shard-{a.index // per_shard:05d}.jsonl")
                out = shards[-1].open("w", encoding="utf-8", newline="\n")
            assert out is not None
            out.write(as_json_line(a))
    finally:
        if out is not None:
            out.close()
    return shards


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.synth", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--format", choices=["txt", "jsonl"], default="txt")
    parser.add_argument("--seeds", type=Path, default=Path(__file__).resolve().parent.parent / "seeds")
    parser.add_argument("--timebank", type=Path, help="a folder of TimeML files to draw text from")
    parser.add_argument("--seed", type=int, default=0, help="a different seed gives a different corpus")
    args = parser.parse_args(argv)
    sources = load_sources(args.seeds, args.timebank)
    if args.format == "txt":
        paths = write_text_corpus(args.out, sources, args.count, args.seed)
    else:
        paths = write_jsonl_shards(args.out, sources, args.count, args.seed)
    print(f"{args.count} articles from {len(sources)} sources in {len(paths)} files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
