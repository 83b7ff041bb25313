"""The benchmarks' own plumbing: the scale bench runs the tagger bench with arguments it takes.

The figures are never asserted (they live in ``nox -s bench``); only that the scripts run."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from test_synth_corpus import TIMEML

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_the_scale_bench_runs_the_tagger_bench_and_prints_the_ratio(tmp_path: Path) -> None:
    (tmp_path / "tiny.tml").write_text(TIMEML, encoding="utf-8")
    sys.path.insert(0, str(BENCH))
    try:
        import bench_scale
    finally:
        sys.path.remove(str(BENCH))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench_scale.tagger_vs_dateparser(tmp_path)
    lines = out.getvalue().splitlines()
    assert any("timeline.tag" in line for line in lines), lines
    assert any("ratio" in line and line.rstrip().endswith("x") for line in lines), lines
