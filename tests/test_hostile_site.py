"""The hostile corpus, built by ``timeline build``: no article becomes an attack (issue 9).

``tests/hostile/corpus/`` holds articles carrying scripts, event handlers, ``javascript:``
links, Markdown image and link injection, raw HTML blocks, Jinja syntax, front matter that
tries to pick its template and output path, titles that try to leave a YAML value or an HTML
attribute, file names with spaces, look-alike letters, right-to-left marks and 200+
characters. The test adds, in ``tmp_path`` only, symbolic links to a file and a folder outside
the articles folder and a link loop. The site is built once with the real command and then:

* parsed with ``html.parser``: no live markup from the articles (see ``hostile/htmlcheck.py``),
  while the hostile text is still there for a reader to see, as text;
* compared with a snapshot of everything around the project: nothing written outside
  ``site_src/`` and ``site/`` (and the project's lock/cache), nothing read through the links.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile.htmlcheck import baseline_of, live_markup, pages, parse

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "hostile" / "corpus"
CANARY = "SECRET-CANARY-7f3a"
PWNED = [
    Path("/tmp") / n
    for n in ("pwned-jinja", "pwned-template.j2", "pwned-output.md", "pwned-docs", "pwned-site")
]
ALLOWED_WRITES = ("site", "site_src", ".timeline.lock", ".timeline-cache")


def _mkdocs_yml(project: Path) -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("articles: seeds", "articles: articles")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def run_timeline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry under ``root`` (links not followed): files by size, mtime and digest; folders
    and links by existence (a folder's mtime changes when the outputs appear in it)."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                st = path.stat()
                entry = (st.st_size, st.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                entry = (0, 0, os.readlink(path) if path.is_symlink() else "folder")
            found[path.relative_to(root).as_posix()] = entry
    return found


@dataclass(frozen=True)
class Built:
    root: Path
    project: Path
    result: subprocess.CompletedProcess[str]
    export: dict
    before: dict[str, tuple[int, int, str]]
    after: dict[str, tuple[int, int, str]]
    secret_atime_before: int
    secret_atime_after: int
    atime_works: bool


def _age_atime(path: Path) -> int:
    st = path.stat()
    os.utime(path, ns=(st.st_mtime_ns - 10**12, st.st_mtime_ns))
    return path.stat().st_atime_ns


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("hostile")
    project = root / "project"
    shutil.copytree(CORPUS, project / "articles")
    _mkdocs_yml(project)
    outside = root / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(f"{CANARY} On 5 September 2017 the secret leaked.\n", encoding="utf-8")
    (outside / "other.txt").write_text(f"{CANARY} On 6 September 2017 the folder leaked.\n", encoding="utf-8")
    (project / "articles" / "leak.txt").symlink_to(Path("..", "..", "outside", "secret.txt"))
    (project / "articles" / "leak-absolute.txt").symlink_to(secret)
    (project / "articles" / "linked-folder").symlink_to(Path("..", "..", "outside"))
    (project / "articles" / "loop").symlink_to(Path("."))
    probe = outside / "probe.txt"
    probe.write_text("probe", encoding="utf-8")
    probe_atime = _age_atime(probe)
    probe.read_bytes()
    atime_works = probe.stat().st_atime_ns != probe_atime
    probe.unlink()
    for path in PWNED:
        assert not path.exists(), f"{path} exists before the build; remove it"
    before = snapshot(root)
    secret_atime = _age_atime(secret)
    time.sleep(0.01)
    result = run_timeline("build", cwd=project)
    secret_atime_after = secret.stat().st_atime_ns
    after = snapshot(root)
    exported = run_timeline("export", "articles", "--format", "json", cwd=project)
    assert exported.returncode == 0, exported.stderr
    return Built(
        root,
        project,
        result,
        json.loads(exported.stdout),
        before,
        after,
        secret_atime,
        secret_atime_after,
        atime_works,
    )


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set:
    """The theme's own elements: a site built the same way from the demo articles."""
    project = tmp_path_factory.mktemp("benign")
    shutil.copytree(ROOT / "seeds", project / "articles")
    _mkdocs_yml(project)
    result = run_timeline("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return baseline_of(project / "site")


def test_the_build_succeeds_and_reports_what_it_refused(built: Built) -> None:
    assert built.result.returncode == 0, built.result.stderr
    err = built.result.stderr
    for refused in ("leak.txt", "leak-absolute.txt", "linked-folder", "loop"):
        assert refused in err, f"no warning names {refused}"


def test_every_article_is_read_once_with_a_unique_safe_id(built: Built) -> None:
    articles = built.export["articles"]
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids))
    for article_id in ids:
        assert article_id and "/" not in article_id and ".." not in article_id and "\\" not in article_id
    paths = {a["path"].split("#")[0] for a in articles}
    expected = {p.name for p in CORPUS.iterdir()}
    assert paths == expected, f"not read: {expected - paths}; unexpected: {paths - expected}"
    assert not any(CANARY in json.dumps(a) for a in articles)


def test_no_live_markup_from_articles_in_any_page(built: Built, baseline: set) -> None:
    site = built.project / "site"
    found = []
    for page in pages(site):
        elements, _ = parse(page, site)
        for element in elements:
            found.extend(live_markup(element, baseline))
    assert found == []


def test_the_hostile_text_is_shown_as_text(built: Built) -> None:
    site = built.project / "site"
    visible = {page.relative_to(site).as_posix(): parse(page, site)[1] for page in pages(site)}
    everything = "\n".join(visible.values())
    for literal in (
        '<script>alert("body")</script>',
        "<img src=x onerror=\"alert('img')\">",
        "[click me](javascript:alert('mdlink'))",
        "![tracker](http://evil.example/pixel.png)",
        "{{ 7*7 }}",
        "{% for x in range(100000000) %}",
        "<style>",
    ):
        assert literal in everything, f"{literal!r} is not shown on any page"


def test_jinja_in_articles_is_not_evaluated(built: Built) -> None:
    site = built.project / "site"
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert "&lt;class" not in text and "subclasses" not in text.replace("__subclasses__()", "")


def test_generated_files_stay_inside_the_output_folders(built: Built) -> None:
    for folder in ("site", "site_src"):
        top = (built.project / folder).resolve()
        for path in top.rglob("*"):
            assert not path.is_symlink(), f"{path} is a link"
            assert path.resolve().is_relative_to(top)
    for path in PWNED:
        assert not path.exists(), f"the build wrote {path}"


def test_nothing_written_outside_input_and_output_folders(built: Built) -> None:
    def outside(entries: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
        allowed = tuple(f"project/{name}" for name in ALLOWED_WRITES)
        return {
            p: v
            for p, v in entries.items()
            if not (p in allowed or p.startswith(tuple(a + "/" for a in allowed)))
        }

    assert outside(built.after) == outside(built.before)


def test_the_target_of_an_outside_link_is_never_read_or_published(built: Built) -> None:
    for folder in ("site", "site_src"):
        for path in (built.project / folder).rglob("*"):
            if path.is_file():
                assert CANARY.encode() not in path.read_bytes(), f"{path} holds the outside file's text"
    assert CANARY not in json.dumps(built.export)
    if built.atime_works:
        assert built.secret_atime_after == built.secret_atime_before, "the outside file was read"


def test_an_impossible_date_in_one_article_does_not_stop_the_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(Path(__file__).resolve().parent / "hostile" / "crashers", project / "articles")
    _mkdocs_yml(project)
    result = run_timeline("export", "articles", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(json.loads(result.stdout)["articles"]) == 2


def test_the_html_check_catches_live_markup(tmp_path: Path) -> None:
    """The checker works: each kind of attack in a page is reported."""
    page = tmp_path / "p.html"
    page.write_text(
        '<p onclick="x()">a</p><img src="http://evil.example/i.png"><a href="&#106;avascript:alert(1)">b</a>'
        '<script>alert(2)</script><iframe src=x></iframe><a href=" java\tscript:x">c</a>',
        encoding="utf-8",
    )
    elements, _ = parse(page, tmp_path)
    found = "\n".join(w for e in elements for w in live_markup(e, set()))
    for expected in ("onclick", "<img> not from the theme", "evil.example", "inline script", "<iframe>"):
        assert expected in found
    assert found.count("script scheme") == 2


def test_no_article_text_becomes_page_metadata(built: Built) -> None:
    """MkDocs reads YAML or MultiMarkdown metadata at the top of a page (``template:`` picks the
    theme template): whatever the titles hold, no generated page may start with any."""
    from mkdocs.utils.meta import get_data

    for page in sorted((built.project / "site_src").rglob("*.md")):
        _, meta = get_data(page.read_text(encoding="utf-8"))
        assert set(meta) <= {"title", "description"}, f"{page.name}: {meta}"
