"""`mkdocs serve` with the plugin: saving a new article puts its event on the served site."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

NEW_ARTICLE = """Ferry crossing reopens

12 September 2017

Engineers reopened the ferry crossing on the Euphrates at Deir al-Zor on 11 September 2017, residents said.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(check: Callable[[], bool], seconds: float, process: subprocess.Popen[str]) -> bool:
    """Poll ``check`` every 0.25 s for at most ``seconds``; stop early if the server died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if check():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.slow
def test_serve_picks_up_a_new_article(tmp_path: Path) -> None:
    project = tmp_path / "tests" / "embed_project"
    shutil.copytree(ROOT / "tests" / "embed_project", project)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    port = free_port()
    page = f"http://127.0.0.1:{port}/history/timeline/"
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            str(project / "mkdocs.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert wait_for(lambda: "Deir" in (fetch(page) or ""), 90, process), (
            tmp_path / "serve.log"
        ).read_text()
        assert "ferry crossing" not in (fetch(page) or "")
        started = time.monotonic()
        (tmp_path / "seeds" / "ferry-crossing-reopens.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        assert wait_for(lambda: "ferry crossing" in (fetch(page) or ""), 30, process), (
            tmp_path / "serve.log"
        ).read_text()
        assert time.monotonic() - started < 30
        builds = [line for line in (tmp_path / "serve.log").read_text().splitlines() if "timeline: " in line]
        assert "from 5 articles" in builds[-1]
        if "extracted" in builds[-1]:  # the pipeline takes the plugin's memo: only the new article
            assert ", 1 extracted" in builds[-1]
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def test_timeline_serve_needs_the_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from timeline.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Theirs\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "does not enable the timeline plugin" in result.output
