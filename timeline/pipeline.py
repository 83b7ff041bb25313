"""The build, as a named sequence of stages over plain data.

    read -> extract -> datelines -> resolve -> events -> merge

Each stage is a function of the previous stages' output; this module is the one place the
order is written down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from timeline import temporal
from timeline.config import Config
from timeline.engine import extract_all
from timeline.events import all_candidates
from timeline.infer import infer_datelines
from timeline.merge import merge_events
from timeline.model import Article, ArticleAnalysis, Dateline, Problem, Timeline
from timeline.readers import read_folder


class BuildError(Exception):
    """The build cannot go on; the message says why and names the file."""


Extractor = Callable[[Sequence[Article], Config], Sequence[temporal.Extraction]]


def build_timeline(config: Config, extract: Extractor = extract_all) -> Timeline:
    """Read the articles folder and return the merged, ordered timeline.

    ``extract`` runs the per-article extraction stage; the MkDocs plugin passes one that keeps
    results between rebuilds of ``mkdocs serve``.
    """
    folder = config.resolve(config.articles)
    read = read_folder(folder)
    if not read.articles:
        reasons = "; ".join(str(p) for p in read.problems) or "it holds no article files"
        raise BuildError(f"no article could be read from {folder}: {reasons}")
    problems = list(read.problems)
    if config.strict:
        undated = [a.path for a in read.articles if a.dateline.origin != "explicit"]
        if undated:
            raise BuildError("--strict: no explicit dateline in " + ", ".join(undated))
    extractions = extract(read.articles, config)
    datelines = infer_datelines(read.articles, extractions)
    analyses = tuple(
        ArticleAnalysis(a, x.sentences, temporal.resolve(x, datelines[a.id].date))
        for a, x in zip(_with_datelines(read.articles, datelines), extractions, strict=True)
    )
    events = merge_events(all_candidates(analyses))
    articles = tuple(a.article for a in analyses)
    return Timeline(articles, events, analyses, tuple(problems))


def _with_datelines(articles: Sequence[Article], datelines: dict[str, Dateline]) -> list[Article]:
    return [replace(a, dateline=datelines[a.id]) for a in articles]


__all__ = ["BuildError", "Problem", "build_timeline"]
