"""The same articles give the same bytes in every process, whatever Python's string hashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from timeline import synth

ROOT = Path(__file__).resolve().parents[1]


def test_export_is_byte_identical_under_different_hash_seeds(tmp_path: Path) -> None:
    """Sets of words are walked in an order that depends on the process's hash seed; the
    timeline must not (a float sum over such a set once broke ties differently per run)."""
    synth.write_text_corpus(tmp_path / "articles", synth.load_sources(ROOT / "seeds"), 800)
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "timeline", "export", "articles", "--format", "json", "--no-cache", "-q"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
