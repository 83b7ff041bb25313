"""Run the per-article extraction stage: from the cache, on local cores, or on a Dask cluster.

Extraction (``temporal.extract``) is the one stage whose cost grows with the corpus text and
that needs no other article, so it is the one stage worth spreading out. Everything after it
(dateline inference, resolution, merging) is cheap and runs over the results in order.

The result never depends on where an article was extracted: each article is extracted by the
same pure function of its own text, results are put back in the articles' order, and the
cache stores exactly what the function returned. So ``--jobs 1``, ``--jobs 8``, ``--engine
dask`` and a warm cache give byte-identical builds.

Engines:

* ``local`` (default): a process pool of ``--jobs`` workers (default: every core the process
  may use), fed chunks of articles. Small batches (an edit under ``mkdocs serve``) are done in
  this process, since starting workers would cost more than the work.
* ``dask``: the chunks become tasks on an existing cluster, ``--scheduler ADDRESS`` or the
  ``DASK_SCHEDULER_ADDRESS`` variable. ``dask[distributed]`` is the optional ``[dask]`` extra,
  imported only here and only when asked for.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from timeline import temporal
from timeline.cache import CacheError, content_key, decode, encode, open_cache
from timeline.config import Config
from timeline.heap import heap_frozen
from timeline.model import Article, Problem
from timeline.progress import Progress

INLINE_BELOW = 32
"""Fewer articles to extract than this are done in this process: a pool costs ~0.3 s to start."""

MAX_CHUNK = 64
"""Articles per task: large enough that pickling and scheduling are noise, small enough that
every worker gets many chunks and the last one does not finish alone."""

_WRITE_EVERY = 512
"""Results are written to the cache in transactions of this many, so an interrupted build
keeps most of its work."""


Extractor = Callable[[Sequence[Article], Config], Sequence[temporal.Extraction]]
"""The extraction stage's signature: :func:`extract_all`, or a memo in front of it."""


class EngineError(Exception):
    """Extraction could not run (no scheduler, dask missing, a tagger crash); says why."""


@dataclass(frozen=True)
class _Task:
    """One article's extraction input; ``path`` only names the article in error messages."""

    path: str
    raw: str
    body_start: int
    body_end: int


@dataclass(frozen=True)
class _Failed:
    """The tagger raised on this article; carried back so the error can name the file."""

    message: str


def default_jobs() -> int:
    """Every core this process may run on (respects CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def extract_chunk(tasks: Sequence[_Task]) -> list[temporal.Packed | _Failed]:
    """The extraction of each task in order, packed (:func:`timeline.temporal.pack`: what travels
    back from a worker or a Dask task is plain tuples, three times cheaper to move)."""
    results: list[temporal.Packed | _Failed] = []
    for task in tasks:
        try:
            results.append(temporal.pack(temporal.extract(task.raw, task.body_start, task.body_end)))
        except Exception as e:  # a tagger bug on one text must be reported with its file name
            results.append(_Failed(f"{type(e).__name__}: {e}"))
    return results


@dataclass(frozen=True)
class ExtractionStats:
    """What one extraction pass did: for --verbose, the tests and the benchmarks."""

    articles: int
    cached: int
    extracted: int
    seconds: float
    cache_rebuilt: bool = False


def fits(extraction: temporal.Extraction, article: Article) -> bool:
    """Whether a cached extraction can be this article's: every sentence inside its body and
    every expression's text where its offsets say. Cheap (one slice per expression), and it
    catches what a checksum cannot: a sound entry served for the wrong article."""
    lo, hi = article.body_start, article.body_end
    raw = article.raw
    return all(lo <= s.start <= s.end <= hi for s in extraction.sentences) and all(
        lo <= f.start < f.end <= hi and raw[f.start : f.end] == f.text for f in extraction.found
    )


def extract_all(articles: Sequence[Article], config: Config) -> list[temporal.Extraction]:
    """The extraction of every article, in the order given, reusing cached results."""
    return extract_with_stats(articles, config)[0]


def extract_with_stats(
    articles: Sequence[Article], config: Config
) -> tuple[list[temporal.Extraction], ExtractionStats]:
    """:func:`extract_all` and what it did.

    Identical texts are extracted once. New results are written to the cache as they arrive,
    so an interrupted build keeps its work; at the end the cache forgets articles that are no
    longer in the folder and entries made by other versions of the tool.
    """
    keys = [content_key(a) for a in articles]
    copies = Counter(keys)
    results: dict[str, temporal.Extraction] = {}
    cache = open_cache(config.resolve(config.articles)) if config.cache else None
    with Progress(len(articles), "extracting", quiet=config.quiet, verbose=config.verbose) as progress:
        try:
            if cache is not None:
                first = dict(zip(reversed(keys), reversed(articles), strict=True))
                for key, value in cache.get_many(keys).items():
                    if isinstance(value, temporal.Extraction) and fits(value, first[key]):
                        results[key] = value
                if cache.rebuilt:
                    progress.note(f"cache {cache.path} was damaged and has been rebuilt")
            cached = sum(copies[k] for k in results)
            progress.note(f"cache: {cached} of {len(keys)} articles unchanged")
            progress.update(cached)
            todo: dict[str, _Task] = {}
            for key, a in zip(keys, articles, strict=True):
                if key not in results and key not in todo:
                    todo[key] = _Task(a.path, a.raw, a.body_start, a.body_end)
            pending: list[tuple[str, temporal.Packed]] = []
            try:
                for chunk_keys, outcomes in _run(list(todo.items()), config, progress):
                    for key, outcome in zip(chunk_keys, outcomes, strict=True):
                        if isinstance(outcome, _Failed):
                            raise EngineError(f"{todo[key].path}: the tagger failed: {outcome.message}")
                        results[key] = temporal.unpack(outcome)
                        pending.append((key, outcome))
                    progress.update(sum(copies[k] for k in chunk_keys))
                    if cache is not None and len(pending) >= _WRITE_EVERY:
                        cache.put_packed(pending)
                        pending = []
            finally:
                if cache is not None:
                    cache.put_packed(pending)
            if cache is not None:
                cache.retain_only(keys)
        finally:
            if cache is not None:
                cache.close()
        stats = ExtractionStats(
            len(keys), cached, len(keys) - cached, progress.elapsed, cache is not None and cache.rebuilt
        )
        progress.note(f"extraction: {len(todo)} articles extracted in {stats.seconds:.2f} s")
    return [results[k] for k in keys], stats


class ExtractionMemo:
    """Per-article extraction results, kept between the builds of one ``mkdocs serve``.

    Keyed by the article's content key (:func:`timeline.cache.content_key`), so an unchanged
    article is never extracted twice and an edited one is extracted again; articles that
    disappear are forgotten. Misses go through :func:`extract_all`, which brings its own disk
    cache and worker processes. An article that is the same object as last time (the read memo
    hands unchanged files over so) keeps its key without its text being hashed again.
    """

    def __init__(self, extract: Extractor | None = None):
        self._extract = extract or extract_all
        self._by_key: dict[str, temporal.Extraction] = {}
        self._keys: dict[int, tuple[Article, str]] = {}
        self.last_extracted: int | None = None

    key = staticmethod(content_key)

    def __len__(self) -> int:
        return len(self._by_key)

    def __call__(self, articles: Sequence[Article], config: Config) -> list[temporal.Extraction]:
        keys = []
        for a in articles:
            known = self._keys.get(id(a))
            keys.append(known[1] if known is not None and known[0] is a else self.key(a))
        self._keys = {id(a): (a, key) for a, key in zip(articles, keys, strict=True)}
        missing: dict[str, Article] = {}
        for key, article in zip(keys, articles, strict=True):
            if key not in self._by_key:
                missing.setdefault(key, article)
        if missing:
            fresh = self._extract(list(missing.values()), config)
            self._by_key.update(zip(missing, fresh, strict=True))
        self.last_extracted = len(missing)
        self._by_key = {key: self._by_key[key] for key in keys}
        return [self._by_key[key] for key in keys]


def _run(
    items: list[tuple[str, _Task]], config: Config, progress: Progress
) -> Iterator[tuple[list[str], list[Any]]]:
    """(keys, outcomes) chunk by chunk, in whatever order the engine finishes them."""
    if not items:
        return
    jobs = config.jobs or default_jobs()
    if config.engine == "dask":
        yield from _run_dask(items, config.scheduler, progress)
    elif jobs == 1 or len(items) < INLINE_BELOW:
        with heap_frozen():  # the collector walks what extraction makes, not the corpus read
            for key, task in items:
                yield [key], extract_chunk([task])
    else:
        yield from _run_pool(items, jobs, progress)


def _chunks(items: list[tuple[str, _Task]], workers: int) -> list[list[tuple[str, _Task]]]:
    size = max(1, min(MAX_CHUNK, len(items) // (workers * 8)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _pool_context() -> multiprocessing.context.BaseContext:
    """``fork`` where there is one: workers start in milliseconds with the grammar already
    compiled, and the caller's ``__main__`` is not re-run (``forkserver`` and ``spawn`` re-import
    it, which breaks scripts without a main guard and code fed on stdin). Fork is only unsafe
    when other threads hold locks; the threads of ``mkdocs serve`` start after its first build,
    and the small batches of its rebuilds are extracted in-process (``INLINE_BELOW``)."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_pool(
    items: list[tuple[str, _Task]], jobs: int, progress: Progress
) -> Iterator[tuple[list[str], list[Any]]]:
    chunks = _chunks(items, jobs)
    workers = min(jobs, len(chunks))
    progress.note(f"extraction: {len(items)} articles in {len(chunks)} chunks on {workers} processes")
    forked = _pool_context().get_start_method() == "fork"
    if forked:
        temporal.english()  # compiled once here and inherited, not once in every worker
    with (
        heap_frozen() if forked else contextlib.nullcontext(),
        ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool,
    ):
        # keep a bounded number of chunks in flight so memory holds results, not queued text
        queue = iter(chunks)
        running: dict[Future[list[Any]], list[str]] = {}

        def submit() -> None:
            chunk = next(queue, None)
            if chunk is not None:
                running[pool.submit(extract_chunk, [t for _, t in chunk])] = [k for k, _ in chunk]

        for _ in range(workers * 4):
            submit()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                chunk_keys = running.pop(future)
                submit()
                yield chunk_keys, future.result()


def scheduler_address(configured: str | None) -> str:
    """``--scheduler``, else ``DASK_SCHEDULER_ADDRESS``; there is no silent local fallback."""
    address = configured or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if not address:
        raise EngineError(
            "--engine dask needs a scheduler: pass --scheduler tcp://HOST:8786 or set DASK_SCHEDULER_ADDRESS"
        )
    return address


def _run_dask(
    items: list[tuple[str, _Task]], configured: str | None, progress: Progress
) -> Iterator[tuple[list[str], list[Any]]]:
    address = scheduler_address(configured)
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'newsroom-timeline[dask]'") from None
    with Client(address, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        workers = max(1, sum(client.nthreads().values()))
        chunks = _chunks(items, workers)
        progress.note(f"extraction: {len(items)} articles in {len(chunks)} Dask tasks on {address}")
        futures = {}
        for chunk in chunks:
            future = client.submit(extract_chunk, [t for _, t in chunk], pure=False)
            futures[future] = [k for k, _ in chunk]
        for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
            yield futures[future], future.result()


@dataclass(frozen=True)
class ShardResult:
    """What one shard task did: where its results went and what could not be read."""

    shard: str
    output: str
    articles: int
    problems: tuple[Problem, ...] = ()


def _open_url(url: str, mode: str) -> Any:
    """A local path or, with fsspec (part of the [dask] extra), any URL it knows (s3://, gs://...)."""
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        return open(url, mode)
    return fsspec.open(url, mode).open()


def shard_output(shard: str, results: str) -> str:
    """``<results>/<shard name without .jsonl>.extractions``: one result file per shard."""
    name = shard.rstrip("/").rsplit("/", 1)[-1]
    return f"{results.rstrip('/')}/{name.removesuffix('.jsonl')}.extractions"


def extract_shard(shard: str, results: str) -> ShardResult:
    """Read one JSON Lines shard where it lies, extract every article, write one result file.

    Runs on a worker, so the corpus never passes through the client: only the shard's URL goes
    out and a few numbers come back. The result file holds a checksum line, then the cache's
    encoding of ``((content key, article id, packed extraction), ...)`` in line order
    (:func:`read_shard_result` gives them back as extractions).
    """
    from timeline.readers import MAX_FILE_BYTES, jsonl
    from timeline.readers.ids import article_id

    name = shard.rstrip("/").rsplit("/", 1)[-1]
    records: list[tuple[str, str, temporal.Packed]] = []
    problems: list[Problem] = []
    with _open_url(shard, "rb") as stream:
        for item in jsonl.read_stream(name, article_id(name), stream, MAX_FILE_BYTES):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                extraction = temporal.extract(item.raw, item.body_start, item.body_end)
                records.append((content_key(item), item.id, temporal.pack(extraction)))
    payload, checksum = encode(tuple(records))
    output = shard_output(shard, results)
    if "://" not in results:
        os.makedirs(results, exist_ok=True)
    with _open_url(output, "wb") as f:
        f.write(checksum.encode("ascii") + b"\n" + payload)
    return ShardResult(shard, output, len(records), tuple(problems))


def read_shard_result(url: str) -> tuple[tuple[str, str, temporal.Extraction], ...]:
    """The records of one result file, checked against its checksum (CacheError if damaged)."""
    with _open_url(url, "rb") as f:
        checksum, _, payload = f.read().partition(b"\n")
    records = decode(payload, checksum.decode("ascii", "replace"))
    if not isinstance(records, tuple):
        raise CacheError(f"{url}: not a shard result")
    try:
        return tuple((key, article, temporal.unpack(packed)) for key, article, packed in records)
    except (TypeError, ValueError) as e:
        raise CacheError(f"{url}: not a shard result ({e})") from None


def extract_shards(shards: Sequence[str], results: str, scheduler: str | None = None) -> list[ShardResult]:
    """One Dask task per shard; results in shard order. ``results`` is a folder or URL every
    worker can write to (a shared disk or an object store), one file per shard."""
    address = scheduler_address(scheduler)
    try:
        from distributed import Client
    except ImportError:
        raise EngineError("shards need Dask: pip install 'newsroom-timeline[dask]'") from None
    with Client(address, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        futures = [client.submit(extract_shard, s, results, pure=False) for s in shards]
        return [f.result() for f in futures]
