"""A build killed at any moment leaves the previous site_src/ and site/ whole; the next succeeds.

The build here is the real pipeline and the real MkDocs, run through
:func:`timeline.fsio.build_outputs` exactly as ``timeline build`` is to call it (see the
report of issue 9); it is killed with SIGKILL at seeded random moments, a bounded number of
times, and after each kill both folders must equal one complete build, old or new.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KILLS = 6

BUILD = """
import sys
from pathlib import Path
from timeline.config import load_project_config
from timeline.fsio import build_outputs
from timeline.site import generate, mkdocs_build

config = load_project_config(Path.cwd()).with_(articles=Path(sys.argv[1]))
build_outputs(
    config.project,
    config.resolve(config.docs_dir),
    config.resolve(config.site_dir),
    lambda docs: generate(config.with_(docs_dir=docs)),
    lambda docs, site: mkdocs_build(config.with_(docs_dir=docs, site_dir=site)),
)
"""


COMMANDS = {
    "build_outputs": [sys.executable, "-c", BUILD],
    "cli": [sys.executable, "-m", "timeline", "build", "--articles"],
}


def _build(project: Path, articles: str, how: str = "build_outputs") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*COMMANDS[how], articles],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1504656000"},
    )


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file's digest; MkDocs' sitemaps carry the build date and are left out."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap")
    }


def _diff(found: dict[str, str], a: dict[str, str], b: dict[str, str]) -> str:
    """How ``found`` differs from each complete build, in a few words."""

    def one(expected: dict[str, str]) -> str:
        missing = sorted(set(expected) - set(found))[:3]
        extra = sorted(set(found) - set(expected))[:3]
        changed = sorted(k for k in set(found) & set(expected) if found[k] != expected[k])[:3]
        return f"missing {missing}, extra {extra}, changed {changed}"

    return f"against the old build: {one(a)}; against the new: {one(b)}"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "a")
    shutil.copytree(ROOT / "seeds", project / "b")
    first = sorted((project / "b").glob("*.txt"))[0]
    first.unlink()
    (project / "site_src").mkdir()
    (project / "site_src" / "about.md").write_text("# About\n\nWritten by hand.\n", encoding="utf-8")
    return project


def _complete(project: Path, articles: str, how: str) -> tuple[dict[str, str], dict[str, str]]:
    assert _build(project, articles, how).wait(timeout=120) == 0
    return _snapshot(project / "site_src"), _snapshot(project / "site")


@pytest.mark.slow
@pytest.mark.parametrize(
    "how",
    [
        "build_outputs",
        "cli",
    ],
)
def test_builds_killed_at_random_moments_leave_a_whole_site(tmp_path: Path, how: str) -> None:
    project = _project(tmp_path)
    started = time.monotonic()
    state_b = _complete(project, "b", how)
    duration = time.monotonic() - started
    state_a = _complete(project, "a", how)
    assert state_a != state_b
    assert "about.md" in state_a[0] and "about.md" in state_b[0]
    rng = random.Random(int(os.environ.get("TIMELINE_KILL_SEED", "9")))
    for attempt in range(KILLS):
        proc = _build(project, "b" if attempt % 2 == 0 else "a", how)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        docs, site = _snapshot(project / "site_src"), _snapshot(project / "site")
        assert docs in (state_a[0], state_b[0]), (
            f"site_src/ after kill {attempt}: {_diff(docs, state_a[0], state_b[0])}"
        )
        assert site in (state_a[1], state_b[1]), (
            f"site/ after kill {attempt}: {_diff(site, state_a[1], state_b[1])}"
        )
    assert _complete(project, "b", how) == state_b
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
