"""Two builds at once on one project: the second is refused with a clear message (issue 9)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.lock import LOCK_NAME, BuildLocked, LockError, build_lock

ROOT = Path(__file__).resolve().parents[1]

HOLD = """
import sys, time
from pathlib import Path
from timeline.lock import build_lock
with build_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def _holder(project: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(project)], stdout=subprocess.PIPE, text=True, cwd=project
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_build_is_refused_naming_project_and_pid(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    try:
        with pytest.raises(BuildLocked) as caught, build_lock(tmp_path):
            pass
        assert str(caught.value) == f"another timeline build is running on {tmp_path} (pid {holder.pid})"
        assert caught.value.pid == holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_build_does_not_block_the_next(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (tmp_path / LOCK_NAME).exists()
    with build_lock(tmp_path) as path:
        assert path.read_text().strip() == str(os.getpid())


def test_lock_is_released_after_the_block_and_reusable(tmp_path: Path) -> None:
    with build_lock(tmp_path):
        pass
    with build_lock(tmp_path):
        pass


def test_lock_in_a_missing_project_folder_says_why(tmp_path: Path) -> None:
    with pytest.raises(LockError, match="cannot create the build lock"), build_lock(tmp_path / "nope"):
        pass


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    return project


def test_cli_build_while_another_holds_the_lock_fails_clearly(tmp_path: Path) -> None:
    project = _project(tmp_path)
    holder = _holder(project)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "timeline", "build"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode != 0
    assert f"another timeline build is running on {project}" in result.stderr
    assert f"(pid {holder.pid})" in result.stderr
    assert not (project / "site").exists()


def test_two_cli_builds_at_once_leave_a_whole_site(tmp_path: Path) -> None:
    """Whether or not the lock is wired in yet, two concurrent builds must not corrupt the site:
    each either succeeds or says another build is running, and the site is complete."""
    project = _project(tmp_path)
    cmd = [sys.executable, "-m", "timeline", "build"]
    procs = [subprocess.Popen(cmd, cwd=project, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for code, err in outcomes:
        assert code == 0 or "another timeline build is running" in err, err
    assert any(code == 0 for code, _ in outcomes)
    index = project / "site" / "index.html"
    assert "</html>" in index.read_text(encoding="utf-8")
    articles = sorted(p.stem for p in (project / "seeds").glob("*.txt"))
    for stem in articles:
        assert (project / "site" / "articles" / stem / "index.html").is_file()
