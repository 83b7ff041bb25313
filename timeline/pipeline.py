"""The build, as a named sequence of stages over plain data.

    read -> extract -> datelines -> resolve -> events -> merge

Each stage is a function of the previous stages' output; this module is the one place the
order is written down.

A long-lived process (``mkdocs serve``) builds the same project again and again with one
article changed. It passes a :class:`Memo`, and each stage then redoes only what the change
touches: unchanged files are not read again (:class:`~timeline.readers.ReadMemo`) and come back
as the same objects; their extractions, resolutions and candidates are looked up by identity;
the merge replays its last decisions where nothing they depended on changed
(:class:`~timeline.merge.MergeMemo`). The result is the one a build from scratch gives.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline import content, temporal
from timeline.config import Config
from timeline.engine import ExtractionMemo, Extractor, default_jobs, extract_all
from timeline.events import Analysed, Candidate
from timeline.forking import can_fork, forked_map
from timeline.heap import collector_paused
from timeline.infer import Analyzer, InferMemo, infer_datelines
from timeline.merge import MergeMemo, merge_events
from timeline.model import Article, ArticleAnalysis, Dateline, Problem, Timeline, Timex
from timeline.progress import stage
from timeline.readers import ReadMemo, read_folder


class BuildError(Exception):
    """The build cannot go on; the message says why and names the file."""


class CachingAnalyzer(Analyzer):
    """An :class:`~timeline.infer.Analyzer` that resolves each article once per dateline.

    Inference resolves every dated article in each of its rounds and the pipeline needs them all
    once more afterwards; within a build, and between the builds of a long-lived process, the
    same (article, extraction, dateline) is looked up, not resolved again. Entries are held with
    the objects they were made from and checked by identity (``is``); those a build did not use
    are dropped by :meth:`forget_unused`.
    """

    def __init__(self) -> None:
        self._analysed: dict[tuple[int, int], tuple[Article, temporal.Extraction, Dateline, Analysed]] = {}
        self._keys: dict[int, tuple[Article, temporal.Extraction, content.Keys]] = {}
        self._article_keys: dict[int, tuple[Analysed, content.Keys]] = {}
        self._used: set[tuple[int, int]] = set()
        self._used_keys: set[int] = set()
        self._used_article_keys: set[int] = set()

    def analyse(self, article: Article, extraction: temporal.Extraction, dateline: Dateline) -> Analysed:
        key = (id(article), id(extraction))
        self._used.add(key)
        known = self._analysed.get(key)
        if known is not None and known[0] is article and known[1] is extraction and known[2] == dateline:
            return known[3]
        done = super().analyse(article, extraction, dateline)
        self._analysed[key] = (article, extraction, dateline, done)
        return done

    def prefill(
        self, articles: Sequence[Article], extractions: Sequence[temporal.Extraction], jobs: int
    ) -> None:
        """Resolve, on ``jobs`` forked processes, every article with a dateline of its own that
        is not remembered yet: the bulk of the work inference and the later stages look up."""
        todo = [
            (a, x)
            for a, x in zip(articles, extractions, strict=True)
            if a.dateline.date is not None and not self._knows(a, x, a.dateline)
        ]

        def resolve(i: int) -> tuple[tuple[Timex, ...], tuple[Candidate, ...]]:
            done = super(CachingAnalyzer, self).analyse(todo[i][0], todo[i][1], todo[i][0].dateline)
            return done.analysis.timexes, done.candidates

        if jobs < 2 or not can_fork():
            return  # resolved one by one as they are asked for
        for (a, x), (timexes, candidates) in zip(todo, forked_map(resolve, len(todo), jobs), strict=True):
            analysis = ArticleAnalysis(a, x.sentences, timexes)
            self._analysed[(id(a), id(x))] = (a, x, a.dateline, Analysed(analysis, candidates))

    def _knows(self, article: Article, extraction: temporal.Extraction, dateline: Dateline) -> bool:
        known = self._analysed.get((id(article), id(extraction)))
        return known is not None and known[0] is article and known[1] is extraction and known[2] == dateline

    def keys_of(self, analysed: Analysed) -> content.Keys:
        key = id(analysed)
        self._used_article_keys.add(key)
        known = self._article_keys.get(key)
        if known is not None and known[0] is analysed:
            return known[1]
        keys = super().keys_of(analysed)
        self._article_keys[key] = (analysed, keys)
        return keys

    def undated_keys(self, article: Article, extraction: temporal.Extraction) -> content.Keys:
        key = id(extraction)
        self._used_keys.add(key)
        known = self._keys.get(key)
        if known is not None and known[0] is article and known[1] is extraction:
            return known[2]
        keys = super().undated_keys(article, extraction)
        self._keys[key] = (article, extraction, keys)
        return keys

    def forget_unused(self) -> None:
        """Drop what the build just finished did not look up."""
        for entries, used in (
            (self._analysed, self._used),
            (self._keys, self._used_keys),
            (self._article_keys, self._used_article_keys),
        ):
            for key in entries.keys() - used:  # a set operation: after one edit, a handful
                del entries[key]
        self._used, self._used_keys, self._used_article_keys = set(), set(), set()


class Memo:
    """What a long-lived process keeps between builds of one project; see the module docstring.

    Each part drops what the latest build did not use, so the memo holds one corpus, not a
    history of them.
    """

    def __init__(self, extract: Extractor | None = None) -> None:
        self.reads = ReadMemo()
        self.extractions = ExtractionMemo(extract)
        self.analyzer = CachingAnalyzer()
        self.merge = MergeMemo()
        self.inference = InferMemo()


def build_timeline(config: Config, extract: Extractor = extract_all, memo: Memo | None = None) -> Timeline:
    """Read the articles folder and return the merged, ordered timeline.

    ``extract`` runs the per-article extraction stage (tests count its calls); ``memo``, kept by
    the caller between builds, makes a rebuild redo only what changed (and brings its own
    extraction memo in front of ``extract``).
    """
    folder = config.resolve(config.articles)
    verbose = config.verbose and not config.quiet
    with collector_paused():
        with stage("read", verbose=verbose):
            read = read_folder(folder, memo.reads if memo is not None else None)
        if not read.articles:
            reasons = "; ".join(str(p) for p in read.problems) or "it holds no article files"
            raise BuildError(f"no article could be read from {folder}: {reasons}")
        problems = list(read.problems)
        if config.strict:
            undated = [a.path for a in read.articles if a.dateline.origin != "explicit"]
            if undated:
                raise BuildError("--strict: no explicit dateline in " + ", ".join(undated))
        extractions = (memo.extractions if memo is not None else extract)(read.articles, config)
        analyzer = memo.analyzer if memo is not None else CachingAnalyzer()
        with stage("resolve the dated articles", verbose=verbose):
            analyzer.prefill(read.articles, extractions, config.jobs or default_jobs())
        with stage("datelines", verbose=verbose):
            inference = memo.inference if memo is not None else None
            datelines = infer_datelines(read.articles, extractions, analyzer, inference)
            analysed = [
                analyzer.analyse(a, x, datelines[a.id])
                for a, x in zip(read.articles, extractions, strict=True)
            ]
        with stage("merge", verbose=verbose):
            candidates = [c for done in analysed for c in done.candidates]
            keys = [analyzer.keys_of(done) for done in analysed]
            events = merge_events(candidates, memo.merge if memo is not None else None, keys)
        analyzer.forget_unused()
        analyses = tuple(done.analysis for done in analysed)
        articles = tuple(a.article for a in analyses)
        return Timeline(articles, events, analyses, tuple(problems))


__all__ = ["BuildError", "CachingAnalyzer", "Memo", "Problem", "build_timeline"]
