"""Forked workers: results in order, a bounded number of tasks in flight, workers replaced.

Each case runs in a fresh interpreter: forking is only done from a single-threaded process, and
other tests leave threads behind (a Dask cluster, a browser driver)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from timeline import forking


def _run(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_results_come_in_order_from_fresh_workers() -> None:
    out = _run(
        """
        import json, os
        from timeline import forking
        forking.TASKS_PER_WORKER = 2
        shared = list(range(1000))  # inherited by the forks, never pickled
        out = list(forking.forked_map(lambda i: (shared[i] * 2, os.getpid()), 1000, jobs=2, per_task=50))
        pids = sorted({p for _, p in out})
        print(json.dumps({"values": [v for v, _ in out], "pids": pids, "me": os.getpid()}))
        """
    )
    assert out["values"] == [2 * i for i in range(1000)]
    assert out["me"] not in out["pids"]
    assert len(out["pids"]) >= 1000 // 50 // 2  # 20 tasks, each worker replaced after 2


def test_small_batches_stay_in_this_process() -> None:
    import os

    out = list(forking.forked_map(lambda i: os.getpid(), forking.PARALLEL_FROM - 1, jobs=2))
    assert set(out) == {os.getpid()}


def test_the_workers_stay_a_few_tasks_ahead_of_the_caller(tmp_path: Path) -> None:
    """A slow caller does not make every result wait in memory: only 2 tasks per worker are
    handed out ahead of what it has taken."""
    out = _run(
        f"""
        import json, time
        from pathlib import Path
        from timeline import forking
        log = Path({str(tmp_path / "started")!r})

        def work(i):
            if i % 100 == 0:
                with log.open("a") as f:
                    f.write(f"{{i}}\\n")
            return i

        results = forking.forked_map(work, 2000, jobs=2, per_task=100)
        first = next(results)
        time.sleep(1.0)  # the workers are idle by now, with whatever they were given done
        started = len(log.read_text().split())
        rest = list(results) == list(range(1, 2000))
        print(json.dumps({{"first": first, "started": started, "rest": rest}}))
        """
    )
    assert out["first"] == 0 and out["rest"]
    assert 2 <= out["started"] <= 2 * 2 + 1  # of 20 tasks in all


def test_tasks_of_their_own_sizes_cover_every_item_in_order() -> None:
    out = _run(
        """
        import json, os
        from timeline import forking
        tasks = [(0, 3), (3, 4), *((i, i + 100) for i in range(4, 904, 100)), (904, 950)]
        out = list(forking.forked_map(lambda i: (i * i, os.getpid()), 950, jobs=2, tasks=tasks))
        print(json.dumps({"values": [v for v, _ in out], "forked": os.getpid() not in {p for _, p in out}}))
        """
    )
    assert out == {"values": [i * i for i in range(950)], "forked": True}
