"""The MkDocs plugin: same pages as `timeline build`, nothing written to docs_dir, CSS in both
ways of building, one nav entry under a prefix, stale published copies never win."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from timeline import engine
from timeline.config import Config
from timeline.mkdocs_plugin import ExtractionMemo, TimelinePlugin, normalize_prefix
from timeline.publish import MANIFEST
from timeline.readers import read_folder

ROOT = Path(__file__).resolve().parents[1]
EMBED = ROOT / "tests" / "embed_project"


def demo_copy(where: Path) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", where / "seeds")
    (where / "site_src").mkdir()
    return where


def mkdocs_build(config_file: Path, site_dir: Path, **overrides: object) -> MkDocsConfig:
    """Plain `mkdocs build`, in this process so the plugin instance can be looked at."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return config


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def html_pages(site: Path) -> dict[str, str]:
    return {k: v.decode() for k, v in snapshot(site).items() if k.endswith(".html")}


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, MkDocsConfig]]:
    """The demo built by `timeline build` (project a) and by plain `mkdocs build` (project b),
    with MkDocs' build date pinned the way `timeline build` pins it."""
    base = tmp_path_factory.mktemp("both")
    a, b = demo_copy(base / "a"), demo_copy(base / "b")
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "build"], cwd=a, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        config = mkdocs_build(b / "mkdocs.yml", b / "site")
    yield a, b, config


def test_timeline_build_and_plugin_give_the_same_pages(both_ways: tuple[Path, Path, MkDocsConfig]) -> None:
    a, _b, config = both_ways
    published = json.loads((a / "site_src" / MANIFEST).read_text())
    from_cli = {path: (a / "site_src" / path).read_text(encoding="utf-8") for path in published}
    plugin = config.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
    assert plugin.pages == from_cli
    assert "index.md" in from_cli and "timeline.md" in from_cli


def test_both_ways_give_the_same_html(both_ways: tuple[Path, Path, MkDocsConfig]) -> None:
    a, b, _config = both_ways
    assert html_pages(a / "site") == html_pages(b / "site")


def test_plugin_writes_nothing_into_docs_dir(both_ways: tuple[Path, Path, MkDocsConfig]) -> None:
    _a, b, _config = both_ways
    assert list((b / "site_src").iterdir()) == []


def test_stylesheet_is_linked_both_ways(both_ways: tuple[Path, Path, MkDocsConfig]) -> None:
    a, b, config = both_ways
    assert "assets/timeline.css" in config.extra_css
    for project in (a, b):
        assert (project / "site" / "assets" / "timeline.css").is_file()
        assert 'href="../assets/timeline.css"' in (project / "site" / "timeline" / "index.html").read_text()


def test_generated_files_say_who_made_them(both_ways: tuple[Path, Path, MkDocsConfig]) -> None:
    _a, b, _config = both_ways
    config = load_config(config_file=str(b / "mkdocs.yml"), site_dir=str(b / "site2"))
    from mkdocs.structure.files import get_files

    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    generated = {f.src_uri: f.generated_by for f in files if f.generated_by}
    assert generated and set(generated.values()) == {"timeline"}
    assert "timeline.md" in generated


def test_stale_published_page_is_replaced_and_handwritten_page_kept(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    docs = project / "site_src"
    (docs / "timeline.md").write_text("# STALE COPY\n", encoding="utf-8")
    (docs / "articles").mkdir()
    (docs / "articles" / "gone.md").write_text("# GONE ARTICLE\n", encoding="utf-8")
    (docs / MANIFEST).write_text(json.dumps(["articles/gone.md", "timeline.md"]), encoding="utf-8")
    (docs / "index.md").write_text("# My own home page\n", encoding="utf-8")
    mkdocs_build(project / "mkdocs.yml", project / "site")
    site = project / "site"
    assert "STALE COPY" not in (site / "timeline" / "index.html").read_text()
    assert not (site / "articles" / "gone").exists()
    assert "My own home page" in (site / "index.html").read_text()


def test_embed_project_keeps_its_nav_and_adds_one_entry(tmp_path: Path) -> None:
    with_plugin = mkdocs_build(EMBED / "mkdocs.yml", tmp_path / "with")
    mkdocs_build(EMBED / "mkdocs.yml", tmp_path / "without", plugins=["search"])
    assert with_plugin.plugins["timeline"].pages
    site = tmp_path / "with"

    def nav_links(folder: Path) -> list[str]:
        return re.findall(r'<a href="([^"#]*)" class="nav-link[^"]*"', (folder / "index.html").read_text())

    assert nav_links(site) == [*nav_links(tmp_path / "without"), "history/"]
    generated = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {
        p.relative_to(tmp_path / "without").as_posix() for p in (tmp_path / "without").rglob("*.html")
    }
    assert generated and all(path.startswith("history/") for path in generated)
    assert (site / "history" / "index.html").is_file() and (
        site / "history" / "timeline" / "index.html"
    ).is_file()
    assert not list((EMBED / "docs").glob("history*")), "nothing may be written into their docs_dir"


def test_normalize_prefix() -> None:
    assert normalize_prefix("history") == "history/"
    assert normalize_prefix("/") == ""
    assert normalize_prefix("a/b/") == "a/b/"
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError):
        normalize_prefix("../outside")


def test_memo_extracts_only_changed_articles(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    calls: list[int] = []

    def counting(articles, config):  # type: ignore[no-untyped-def]
        calls.append(len(articles))
        return engine.extract_all(articles, config)

    memo = ExtractionMemo(counting)
    config = Config(project=tmp_path, articles=Path("seeds"), cache=False)
    first = memo(read_folder(tmp_path / "seeds").articles, config)
    changed = sorted((tmp_path / "seeds").iterdir())[0]
    changed.write_text(changed.read_text() + "\nOn Friday, the bridge reopened.\n")
    second = memo(read_folder(tmp_path / "seeds").articles, config)
    assert calls == [4, 1] and memo.last_extracted == 1
    assert len(first) == len(second) == 4
    assert first[1:] == second[1:] and first[0] != second[0]


def test_timeline_build_in_embed_project_publishes_under_the_plugin_prefix(tmp_path: Path) -> None:
    from timeline.config import load_project_config
    from timeline.site import generate, mkdocs_build

    project = tmp_path / "tests" / "embed_project"
    shutil.copytree(EMBED, project)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    config = load_project_config(project).with_(articles=Path("../../seeds"), cache=False)
    generate(config)
    mkdocs_build(config)
    published = json.loads((project / "docs" / MANIFEST).read_text())
    assert published and all(path.startswith("history/") for path in published)
    assert (project / "docs" / "index.md").read_text().startswith("# Field guide")
    links = re.findall(
        r'<a href="([^"#]*)" class="nav-link[^"]*"', (project / "site" / "index.html").read_text()
    )
    assert links == [".", "background/", "history/"]


def test_own_nav_entry_for_the_timeline_is_respected(tmp_path: Path) -> None:
    nav = [{"Home": "index.md"}, {"Siege": "history/timeline.md"}]
    mkdocs_build(EMBED / "mkdocs.yml", tmp_path / "site", nav=nav)
    links = re.findall(
        r'<a href="([^"#]*)" class="nav-link[^"]*"', (tmp_path / "site" / "index.html").read_text()
    )
    assert links == [".", "history/timeline/"]


def test_missing_articles_folder_is_a_clear_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    project = demo_copy(tmp_path)
    shutil.rmtree(project / "seeds")
    with pytest.raises(Abort):
        mkdocs_build(project / "mkdocs.yml", project / "site")
    assert "timeline: articles: no folder" in caplog.text


def test_timeline_build_with_other_articles_ignores_the_configured_folder(tmp_path: Path) -> None:
    project = demo_copy(tmp_path)
    (project / "seeds").rename(project / "other")
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "build", "--articles", "other"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "timeline" / "index.html").is_file()


# -- what the plugin keeps: MkDocs holds every page to the end of the build ---------------------


def test_timeline_pages_let_their_markdown_go_and_keep_their_titles(tmp_path: Path) -> None:
    """MkDocs keeps every page to the end of the build; a timeline page's Markdown is not kept
    once rendered, and its title (the only thing MkDocs would still read it for) is unchanged:
    the text of the page's first heading."""
    config = load_config(config_file=str(EMBED / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    seen: dict[str, tuple[str | None, str | None, str]] = {}

    class Spy(BasePlugin):  # type: ignore[type-arg]
        def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
            seen[page.file.src_uri] = (page.markdown, page.title, page.content or "")
            return output

    config.plugins["spy"] = Spy()
    build(config)
    config.plugins.on_shutdown()
    generated = [uri for uri in config.plugins["timeline"].pages if uri.endswith(".md")]
    assert len(generated) > 5 and set(generated) <= set(seen)
    for uri in generated:
        markdown, title, content = seen[uri]
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", content)
        assert markdown == "" and heading, uri
        assert title == html.unescape(re.sub(r"<[^>]+>", "", heading.group(1))), uri
    assert seen["index.md"][0] == (EMBED / "docs" / "index.md").read_text(encoding="utf-8")  # the user's


@pytest.mark.parametrize("command", ["build", "serve"])
def test_only_serve_keeps_the_extractions_between_builds(tmp_path: Path, command: str) -> None:
    """A single `mkdocs build` lets the extractions go once the pages are made (they would sit
    beside every page MkDocs keeps to the end); `mkdocs serve` keeps them for the next rebuild."""
    config = load_config(config_file=str(EMBED / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    plugin = config.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
    assert len(plugin.memo.extractions) == (4 if command == "serve" else 0)
    assert plugin.pages and not hasattr(plugin, "timeline")
