"""Forked workers: results in order, a bounded number of tasks in flight, workers replaced."""

from __future__ import annotations

import os
import time

from timeline import forking


def test_results_come_in_order_from_fresh_workers(monkeypatch) -> None:
    monkeypatch.setattr(forking, "TASKS_PER_WORKER", 2)
    shared = list(range(1000))  # inherited by the forks, never pickled
    out = list(forking.forked_map(lambda i: (shared[i] * 2, os.getpid()), len(shared), jobs=2, per_task=50))
    assert [v for v, _ in out] == [2 * i for i in range(1000)]
    pids = {pid for _, pid in out}
    assert os.getpid() not in pids
    assert len(pids) >= 1000 // 50 // 2  # 20 tasks, each worker replaced after 2


def test_small_batches_stay_in_this_process() -> None:
    out = list(forking.forked_map(lambda i: os.getpid(), forking.PARALLEL_FROM - 1, jobs=2))
    assert set(out) == {os.getpid()}


def test_the_workers_stay_a_few_tasks_ahead_of_the_caller(tmp_path) -> None:
    """A slow caller does not make every result wait in memory: only 2 tasks per worker are
    handed out ahead of what it has taken."""
    log = tmp_path / "started"

    def work(i: int) -> int:
        if i % 100 == 0:
            with log.open("a") as f:
                f.write(f"{i}\n")
        return i

    results = forking.forked_map(work, 2000, jobs=2, per_task=100)
    assert next(results) == 0
    time.sleep(1.0)  # the workers are idle by now, with whatever they were given done
    assert len(log.read_text().split()) <= 2 * 2 + 1  # 20 tasks in all
    assert list(results) == list(range(1, 2000))


def test_tasks_of_their_own_sizes_cover_every_item_in_order() -> None:
    tasks = [(0, 3), (3, 4), *((i, i + 100) for i in range(4, 904, 100)), (904, 950)]
    out = list(forking.forked_map(lambda i: i * i, 950, jobs=2, tasks=tasks))
    assert out == [i * i for i in range(950)]
