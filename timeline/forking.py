"""Run a function over many items on forked worker processes that share the caller's data.

Forked workers start with the parent's memory as it is (copy on write): a stage that has the
whole timeline in memory can hand each worker just a range of indices, and the worker reads
the articles, templates and analyses it needs from what it inherited. Only the results travel
back, pickled. Used for the stages whose cost grows with the corpus and that need no other
article: resolving articles and rendering pages.

Forking is only safe from a single-threaded process (a child of a process whose other threads
hold locks can wait on them forever), so with other threads running, or where ``fork`` does not
exist, the work is done in this process. Small batches are too: starting workers costs more.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

from timeline.heap import heap_frozen

T = TypeVar("T")

#: Fewer items than this are done in this process.
PARALLEL_FROM = 400

# The work of the pool being run: set just before it forks, inherited, never pickled.
_work: Callable[[int], Any] | None = None


def can_fork() -> bool:
    """Whether forking workers is safe here (a single-threaded process on a system with fork)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _work is not None
    return [_work(i) for i in range(*bounds)]


#: Tasks a worker does before it is replaced by a fresh fork. Every object a worker reads gets
#: its reference count written, which copies the page it sits on: a worker that lived through
#: a whole stage would end up with a private copy of most of what it read (at 100,000 articles,
#: rendering on 2 workers took the build from 2.3 GB to 4.7 GB). A fresh fork shares it all
#: again; forking a 2 GB process costs a few tens of milliseconds.
TASKS_PER_WORKER = 20


def forked_map(
    work: Callable[[int], T],
    count: int,
    jobs: int,
    per_task: int = 100,
    tasks: Sequence[tuple[int, int]] | None = None,
) -> Iterator[T]:
    """``work(i)`` for ``i`` in ``range(count)``, in order, each result as soon as it is ready;
    on ``jobs`` forked processes when that is worth it and safe, else in this process.

    A task is ``per_task`` consecutive items, or the ``(start, end)`` ranges of ``tasks`` (which
    must cover ``range(count)`` in order) where items differ in weight. Workers are replaced
    every :data:`TASKS_PER_WORKER` tasks."""
    global _work
    if jobs < 2 or count < PARALLEL_FROM or not can_fork():
        for i in range(count):
            yield work(i)
        return
    if tasks is None:
        tasks = [(i, min(i + per_task, count)) for i in range(0, count, per_task)]
    ranges = iter(tasks)
    _work = work
    try:
        with (
            heap_frozen(),
            multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=TASKS_PER_WORKER) as pool,
        ):
            # A few tasks ahead of the caller, not all of them: results the caller has not taken
            # yet wait in this process (`Pool.imap` would queue every one of them).
            pending = deque(pool.apply_async(_run, (r,)) for r in islice(ranges, 2 * jobs))
            while pending:
                part = pending.popleft().get()
                for r in islice(ranges, 1):
                    pending.append(pool.apply_async(_run, (r,)))
                yield from part
    finally:
        _work = None
