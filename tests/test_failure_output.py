"""Output folders are replaced whole or not at all: errors, read-only folders, full disks (issue 9).

The full disk is a real 1 MB tmpfs when the tests may mount one (root on Linux) and is
otherwise simulated by raising ``OSError(ENOSPC)`` where the OS would, inside the build.
The read-only folder is a read-only tmpfs as root (root ignores file modes) and a folder
with mode 0555 otherwise.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.fsio import OutputError, recover, replace_dir_atomically


def _fill(folder: Path, marker: str) -> None:
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<html>{marker}</html>", encoding="utf-8")
    (folder / "sub" / "page.html").write_text(marker, encoding="utf-8")


def _state(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _debris(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    final = tmp_path / "site"
    final.mkdir()
    _fill(final, "previous")
    return final


def test_success_replaces_the_whole_folder(site: Path) -> None:
    (site / "stale.html").write_text("gone", encoding="utf-8")
    with replace_dir_atomically(site) as tmp:
        assert tmp.parent == site.parent and tmp != site
        assert not any(tmp.iterdir())
        _fill(tmp, "new")
    assert _state(site) == {"index.html": b"<html>new</html>", "sub/page.html": b"new"}
    assert _debris(site.parent) == []


def test_first_build_creates_the_folder(tmp_path: Path) -> None:
    with replace_dir_atomically(tmp_path / "out" / "site") as tmp:
        _fill(tmp, "first")
    assert _state(tmp_path / "out" / "site")["sub/page.html"] == b"first"


def test_keep_existing_starts_from_a_copy(site: Path) -> None:
    with replace_dir_atomically(site, keep_existing=True) as tmp:
        assert _state(tmp) == _state(site)
        (tmp / "added.md").write_text("x", encoding="utf-8")
    assert set(_state(site)) == {"index.html", "sub/page.html", "added.md"}


def test_an_error_in_the_build_leaves_the_previous_folder(site: Path) -> None:
    before = _state(site)
    with pytest.raises(KeyError), replace_dir_atomically(site) as tmp:
        _fill(tmp, "half")
        raise KeyError("boom")
    assert _state(site) == before
    assert _debris(site.parent) == []


def test_simulated_full_disk_gives_a_clear_error_and_keeps_the_site(site: Path) -> None:
    before = _state(site)
    with pytest.raises(OutputError) as caught, replace_dir_atomically(site) as tmp:
        (tmp / "a.html").write_text("partial", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp / "b.html"))
    message = str(caught.value)
    assert str(site) in message and "the disk is full" in message and "previous one is unchanged" in message
    assert _state(site) == before
    assert _debris(site.parent) == []


def test_a_file_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"), replace_dir_atomically(tmp_path / "site"):
        pass


def test_recover_puts_back_a_folder_moved_aside_by_a_killed_swap(tmp_path: Path) -> None:
    old = tmp_path / ".site.old-999999999-abcd"
    old.mkdir()
    _fill(old, "previous")
    tmp = tmp_path / ".site.tmp-999999999-abcd"
    tmp.mkdir()
    _fill(tmp, "half")
    recover(tmp_path / "site")
    assert _state(tmp_path / "site")["sub/page.html"] == b"previous"
    assert _debris(tmp_path) == []


def test_recover_spares_the_temporary_folder_of_a_running_build(tmp_path: Path) -> None:
    running = tmp_path / f".site.tmp-{os.getppid()}-abcd"
    running.mkdir()
    recover(tmp_path / "site")
    assert running.is_dir()


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/proc/mounts").exists()


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB file system, mounted for the test (root only)."""
    if not _can_mount():
        pytest.skip("mounting a tmpfs needs root; the simulated full-disk test covers this")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_real_full_disk_gives_a_clear_error_and_keeps_the_site(tiny_tmpfs: Path) -> None:
    site = tiny_tmpfs / "site"
    site.mkdir()
    _fill(site, "previous")
    before = _state(site)
    with (
        pytest.raises(OutputError, match="the disk is full") as caught,
        replace_dir_atomically(site) as tmp,
        open(tmp / "big.bin", "wb") as f,
    ):
        for _ in range(4):
            f.write(b"x" * 512 * 1024)
    assert "previous one is unchanged" in str(caught.value)
    assert _state(site) == before
    assert _debris(tiny_tmpfs) == []


def test_read_only_output_folder_gives_a_clear_error_and_keeps_the_site(tmp_path: Path) -> None:
    parent = tmp_path / "out"
    parent.mkdir()
    site = parent / "site"
    site.mkdir()
    _fill(site, "previous")
    before = _state(site)
    if _can_mount():
        done = subprocess.run(["mount", "--bind", "-o", "ro", str(parent), str(parent)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot bind-mount read-only: {done.stderr.decode(errors='replace').strip()}")
        undo = ["umount", "-l", str(parent)]
    else:
        parent.chmod(0o555)
        undo = ["chmod", "755", str(parent)]
    try:
        with pytest.raises(OutputError) as caught, replace_dir_atomically(site) as tmp:
            _fill(tmp, "new")
    finally:
        subprocess.run(undo, check=False)
    message = str(caught.value)
    assert str(site) in message
    assert "read-only" in message or "no permission" in message
    assert _state(site) == before


def test_timeline_build_on_a_full_disk_says_so_and_keeps_the_previous_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wiring in ``timeline build``: MkDocs hits ENOSPC writing the site (simulated at the
    call that writes it); the command fails with the reason and both output folders stay as the
    previous build left them, the user's own page included."""
    import shutil

    from click.testing import CliRunner

    import timeline.site
    from timeline.cli import main

    root = Path(__file__).resolve().parent.parent
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(root / "seeds", project / "seeds")
    monkeypatch.chdir(project)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--no-cache", "--quiet"])
    assert first.exit_code == 0, first.output
    (project / "site_src" / "notes.md").write_text("# My notes\n", encoding="utf-8")
    before = _state(project / "site_src"), _state(project / "site")

    def full(config: object, mkdocs_yml: object = None) -> None:
        site_dir = Path(config.site_dir)  # type: ignore[attr-defined]
        (site_dir / "index.html").write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(site_dir / "index.html"))

    monkeypatch.setattr(timeline.site, "mkdocs_build", full)
    second = runner.invoke(main, ["build", "--no-cache", "--quiet"])
    assert second.exit_code != 0
    assert "the disk is full" in second.output and "previous one is unchanged" in second.output
    after = _state(project / "site_src"), _state(project / "site")
    assert after == before
    assert after[0]["notes.md"] == b"# My notes\n"
    assert _debris(project) == []
