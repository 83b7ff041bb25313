"""The plugin sets the raw HTML of the timeline's pages aside before Python-Markdown would parse it
(``stash_raw_html``, on by default): the site is the same, byte for byte, as with it off, on the
demo, on someone else's project embedding the timeline, on the hostile corpus and under Material
with common extensions; article text cannot use it to inject markup; links from a user's page
into a timeline page's anchors are still validated."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hostile.htmlcheck import baseline_of, live_markup, pages, parse
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from timeline.config import Config
from timeline.mkdocs_plugin import TimelinePlugin
from timeline.site import build_site

ROOT = Path(__file__).resolve().parents[1]
EMBED = ROOT / "tests" / "embed_project"
HOSTILE = ROOT / "tests" / "hostile" / "corpus"


@pytest.fixture(autouse=True)
def pinned_build_date() -> Iterator[None]:
    """MkDocs stamps the build date into the sitemap; two builds must not differ by it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        yield


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def project_with(source_yml: Path, where: Path, articles: Path | None = None, **options: object) -> Path:
    """A copy of the project of ``source_yml`` in ``where`` (its docs folder with it), its
    articles folder replaced by ``articles`` and the timeline plugin given ``options``."""
    data = yaml.safe_load(source_yml.read_text(encoding="utf-8"))
    where.mkdir(parents=True, exist_ok=True)
    docs = source_yml.parent / data.get("docs_dir", "docs")
    if docs.is_dir():
        shutil.copytree(docs, where / data.get("docs_dir", "docs"))
    (where / data.get("docs_dir", "docs")).mkdir(exist_ok=True)
    for i, plugin in enumerate(data["plugins"]):
        if isinstance(plugin, dict) and "timeline" in plugin:
            entry = plugin["timeline"]
            if articles is not None:
                shutil.copytree(articles, where / "articles", symlinks=True)
                entry["articles"] = "articles"
            else:
                entry["articles"] = str((source_yml.parent / entry["articles"]).resolve())
            entry.update(options)
            data["plugins"][i] = {"timeline": entry}
    (where / "mkdocs.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return where


def mkdocs_build(project: Path, **overrides: object) -> MkDocsConfig:
    """Plain `mkdocs build` (the plugin generates the pages in memory), in this process."""
    config = load_config(config_file=str(project / "mkdocs.yml"), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


def plugin_of(config: MkDocsConfig) -> TimelinePlugin:
    plugin = config.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
    return plugin


def built_both_ways(source_yml: Path, where: Path, articles: Path | None = None) -> tuple[Path, Path, int]:
    """The project built by plain `mkdocs build` with the stash on and off; returns both site
    folders and how many blocks were set aside."""
    fast = project_with(source_yml, where / "fast", articles)
    slow = project_with(source_yml, where / "slow", articles, stash_raw_html=False)
    # MkDocs keeps one plugin instance per process: read its figures before the next build.
    fast_config = mkdocs_build(fast)
    blocks = plugin_of(fast_config).raw_html.blocks
    slow_config = mkdocs_build(slow)
    assert plugin_of(slow_config).raw_html.blocks == 0
    return Path(fast_config.site_dir), Path(slow_config.site_dir), blocks


def assert_same_site(fast: Path, slow: Path) -> None:
    a, b = snapshot(fast), snapshot(slow)
    assert sorted(a) == sorted(b)
    different = [path for path in a if a[path] != b[path]]
    assert different == [], f"{len(different)} files differ, first {different[:5]}"


def test_demo_site_is_byte_identical(tmp_path: Path) -> None:
    fast, slow, blocks = built_both_ways(ROOT / "mkdocs.yml", tmp_path, ROOT / "seeds")
    assert blocks > 20, "the stash set nothing aside: this test would prove nothing"
    assert_same_site(fast, slow)


def test_embedded_timeline_and_its_block_are_byte_identical(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")  # what the block's "../../seeds" finds
    fast, slow, blocks = built_both_ways(EMBED / "mkdocs.yml", tmp_path / "embed")
    assert blocks > 20
    assert 'class="tl-block"' in (fast / "background" / "index.html").read_text(encoding="utf-8")
    assert_same_site(fast, slow)


def test_hostile_corpus_is_byte_identical(tmp_path: Path) -> None:
    fast, slow, blocks = built_both_ways(ROOT / "mkdocs.yml", tmp_path, HOSTILE)
    assert blocks > 20
    assert_same_site(fast, slow)


@pytest.mark.parametrize(
    "extensions",
    [
        pytest.param(["attr_list", "admonition", "def_list", "footnotes", "abbr", "pymdownx.critic",
                      "pymdownx.superfences", "pymdownx.emoji", {"toc": {"permalink": True}}], id="common"),
        # md_in_html replaces the html_block preprocessor: the stash stands aside.
        pytest.param(["md_in_html", "attr_list", {"toc": {"permalink": True}}], id="md_in_html"),
    ],
)  # fmt: skip
def test_hostile_corpus_under_material_with_extensions_is_byte_identical(
    tmp_path: Path, extensions: list[object]
) -> None:
    pytest.importorskip("material")
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    data["theme"] = {"name": "material", "font": False}
    data["markdown_extensions"] = [*data["markdown_extensions"], *extensions]
    source = tmp_path / "source" / "mkdocs.yml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    fast, slow, blocks = built_both_ways(source, tmp_path, HOSTILE)
    assert (blocks > 20) == ("md_in_html" not in extensions)
    assert_same_site(fast, slow)


def test_timeline_build_gives_the_same_site_both_ways(tmp_path: Path) -> None:
    """``timeline build`` publishes the pages and has the plugin take them from docs_dir."""
    sites = []
    for name, options in (("fast", {}), ("slow", {"stash_raw_html": False})):
        project = project_with(ROOT / "mkdocs.yml", tmp_path / name, ROOT / "seeds", **options)
        build_site(Config(project=project, articles=Path("articles"), cache=False, quiet=True))
        sites.append(project / "site")
    assert_same_site(*sites)


# -- article text cannot use the stash ---------------------------------------------------------

FORGED = (
    "BEIRUT, Sept 6 (Reuters) - On Tuesday the placeholder \x02wzxhzdk:0\x03 and wzxhzdk:1 and "
    "\x02klzzwxh:0\x03 appeared, with \x01\x1f\x7f controls.\n\n"
    "On Monday a block </p></div>\n\n<script>alert('forged')</script>\n\n<div id=\"x\"> was typed.\n\n"
    "On Wednesday &#xZZ; &#39 &amp <!-- and --> <![CDATA[ x ]]> <?php ?> came.\n"
)


def test_article_cannot_forge_a_placeholder_or_a_block(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "forged.txt").write_text(FORGED, encoding="utf-8")
    shutil.copy(ROOT / "seeds" / "reuters-siege-broken.txt", articles)
    fast, slow, blocks = built_both_ways(ROOT / "mkdocs.yml", tmp_path / "forged", articles)
    assert blocks > 0
    assert_same_site(fast, slow)
    benign = tmp_path / "benign"
    shutil.copytree(ROOT / "seeds", benign)
    baseline = baseline_of(
        Path(mkdocs_build(project_with(ROOT / "mkdocs.yml", tmp_path / "b", benign)).site_dir)
    )
    found, shown = [], []
    for page in pages(fast):
        elements, text = parse(page, fast)
        found += [m for e in elements for m in live_markup(e, baseline)]
        shown.append(text)
        html = page.read_text(encoding="utf-8")
        assert "\x02" not in html and "\x03" not in html, page
        assert not re.search(r"<div id=\"x\"|<script>alert\('forged'\)", html), page
    assert found == []
    visible = "\n".join(shown)
    for literal in ("wzxhzdk:1", "<script>alert('forged')</script>", '<div id="x">', "&#xZZ;"):
        assert literal in visible, literal


# -- anchors -------------------------------------------------------------------------------------


def test_links_into_timeline_pages_are_validated(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs checks a link's #anchor against the ids it found in the target page; the ids in
    the blocks set aside are added, so a good link passes and a bad one is still reported."""
    project = project_with(EMBED / "mkdocs.yml", tmp_path / "p")
    generated = plugin_of(mkdocs_build(project)).pages
    article = next(uri for uri in generated if uri.startswith("history/articles/"))
    sentence = re.search(r'<span class="tl-sentence[^"]*" id="([^"]+)"', generated[article])
    event = re.search(r'<div class="tl-event[^"]*" id="([^"]+)"', generated["history/timeline.md"])
    assert sentence and event
    (project / "docs" / "links.md").write_text(
        f"# Links\n\n[a sentence]({article}#{sentence.group(1)}), "
        f"[an event](history/timeline.md#{event.group(1)}), "
        "[nowhere](history/timeline.md#no-such-event).\n",
        encoding="utf-8",
    )
    for stash in (True, False):
        config = load_config(config_file=str(project / "mkdocs.yml"), validation={"anchors": "warn"})
        plugin_of(config).config.stash_raw_html = stash
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
        assert (plugin_of(config).raw_html.blocks > 0) == stash
        about_links = [r for r in caplog.records if "'links.md'" in r.getMessage()]
        assert [r.levelno for r in about_links] == [logging.WARNING], [r.getMessage() for r in about_links]
        assert "#no-such-event" in about_links[0].getMessage()


def test_pages_that_are_not_the_timelines_are_left_to_markdown(tmp_path: Path) -> None:
    project = project_with(EMBED / "mkdocs.yml", tmp_path / "p")
    before = plugin_of(mkdocs_build(project)).raw_html.pages
    (project / "docs" / "raw.md").write_text(
        '# Raw\n\n<div class="x" id="mine">text</div>\n', encoding="utf-8"
    )
    config = mkdocs_build(project)
    assert plugin_of(config).raw_html.pages == before > 0
    assert '<div class="x" id="mine">text</div>' in (Path(config.site_dir) / "raw" / "index.html").read_text(
        encoding="utf-8"
    )
