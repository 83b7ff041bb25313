"""Pages rendered on several processes are the pages rendered in one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from timeline import forking, synth

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter: rendering forks only from a single-threaded process, and other
# tests leave threads behind (servers, clients) in this one.
SCRIPT = """
import json, multiprocessing, sys
from pathlib import Path
from timeline import render
from timeline.config import Config
from timeline.pipeline import build_timeline

pools = []
fork = multiprocessing.get_context("fork")
pool = fork.Pool
fork.Pool = lambda processes, **kw: pools.append(processes) or pool(processes, **kw)
project = Path(sys.argv[1])
timeline = build_timeline(Config(project=project, articles=Path("articles"), cache=False, quiet=True, jobs=1))
one = render.render_pages(timeline, "T", prefix="timeline/", max_events_per_page=50, jobs=1)
two = render.render_pages(timeline, "T", prefix="timeline/", max_events_per_page=50, jobs=2)
same = {"same_order": list(one) == list(two), "same": one == two}
print(json.dumps({"pools": pools, "pages": len(one), **same}))
"""


def test_rendering_on_two_processes_gives_the_same_pages(tmp_path: Path) -> None:
    count = forking.PARALLEL_FROM + 50
    synth.write_text_corpus(tmp_path / "articles", synth.load_sources(ROOT / "seeds"), count)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    assert result["pools"] == [2]  # the second render used a pool of two processes, the first none
    assert result["pages"] > count
    assert result["same_order"] and result["same"]
